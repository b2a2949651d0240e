import {expect, waitUntil} from '@open-wc/testing';
import type {PalommaPay} from '../../widget/palomma-pay.js';
import {endpoint, installFakeProxy, sandboxConfig} from './fake-proxy.js';
import {button, loadFrame, part} from './helpers.js';

type CspWindow = Window & typeof globalThis & {violations: string[]};

describe('<palomma-pay>', () => {
  describe("when the page's Content-Security-Policy is default-src 'none' plus script and connect", () => {
    it('renders styled with no style-src at all, and violates nothing', async () => {
      const frame = await loadFrame('/test/widget/pages/strict-csp.html');
      const win = frame.contentWindow as CspWindow;
      const proxy = installFakeProxy(sandboxConfig, win);
      const pay = win.document.createElement('palomma-pay') as PalommaPay;
      pay.endpoint = endpoint;
      pay.amount = 5_000;
      const status = win.document.createElement('palomma-pay-status');
      status.setAttribute('endpoint', endpoint);
      status.setAttribute('reference', 'REF-1');

      win.document.body.append(pay, status);
      await waitUntil(() => pay.shadowRoot?.querySelector('[part~="badge"]'), 'no config');
      await waitUntil(() => status.shadowRoot?.textContent?.includes('Pago recibido'), 'no status');
      pay.reportValidity();
      await pay.updateComplete;

      expect(win.violations).to.deep.equal([]);
      expect(win.getComputedStyle(button(pay)).backgroundColor).to.equal('rgb(69, 39, 201)');
      expect(win.getComputedStyle(part(pay, 'field-error')).color).to.equal('rgb(179, 38, 30)');
      proxy.restore();
      frame.remove();
    });
  });
});

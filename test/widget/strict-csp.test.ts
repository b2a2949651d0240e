import {expect, waitUntil} from '@open-wc/testing';
import {appendBoth, button, loadFrame, part} from './helpers.js';

type CspWindow = Window & typeof globalThis & {violations: string[]};

describe('<palomma-pay>', () => {
  describe("when the page's Content-Security-Policy is default-src 'none' plus script and connect", () => {
    it('renders styled with no style-src at all, and violates nothing', async () => {
      const frame = await loadFrame('/test/widget/pages/strict-csp.html');
      const win = frame.contentWindow as CspWindow;
      const {proxy, pay, status} = appendBoth(win, 5_000);
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

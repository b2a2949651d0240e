import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {appendBoth, button, control, loadFrame, part, type} from './helpers.js';

describe('dist/*.iife.js', () => {
  before(async function () {
    // The bundle exists after `npm run build`, which `npm test` runs before the browser tests.
    const built = await fetch('/dist/palomma-pay-status.iife.js', {method: 'HEAD'});
    if (!built.ok) this.skip();
  });

  describe('when a merchant embeds it twice under a strict CSP', () => {
    it('takes a payment to the redirect and shows the status, with no global variable', async () => {
      const frame = await loadFrame('/test/widget/pages/bundle.html');
      const win = frame.contentWindow as Window & typeof globalThis;
      const {proxy, pay, status} = appendBoth(win, 1_850_000);
      await waitUntil(() => pay.shadowRoot?.querySelector('[part~="badge"]'), 'no config');
      pay.addEventListener('palomma-redirect', (event) => event.preventDefault());
      const redirected = oneEvent(pay, 'palomma-redirect');

      button(pay).click();
      await waitUntil(() => pay.shadowRoot!.querySelector('[part~="field-error"]'), 'no check');
      type(control(pay, 'Número de documento'), '1020304050');
      button(pay).click();
      const {detail} = await redirected;
      await waitUntil(() => status.shadowRoot?.textContent?.includes('Pago recibido'), 'no status');

      expect(detail.url).to.match(/^http:\/\/sandbox\.test\/pay\//);
      expect(proxy.checkouts).to.have.length(1);
      expect(part(pay, 'amount').textContent!.replace(/\s/g, ' ')).to.equal('$ 1.850.000');
      expect('PalommaPay' in win).to.equal(false);
      proxy.restore();
      frame.remove();
    });
  });
});

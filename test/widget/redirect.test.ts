import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import type {PublicConfig} from '../../widget/contract.js';
import '../../widget/index.js';
import type {PalommaPay} from '../../widget/palomma-pay.js';
import {allowedPaymentUrl, openPaymentPage, toTarget} from '../../widget/redirect.js';
import {endpoint, installFakeProxy, sandboxConfig} from './fake-proxy.js';
import {button, control, loadFrame, part, type} from './helpers.js';

type Origins = Pick<PublicConfig, 'mode' | 'paymentOrigins'>;

const live: Origins = {mode: 'live', paymentOrigins: ['https://pagos.palomma.com']};
const sandbox: Origins = {mode: 'sandbox', paymentOrigins: ['http://localhost:4011']};

function fakeWindow(framed: boolean, topThrows = false) {
  const calls: string[] = [];
  const self = {};
  const top = {
    location: {
      set href(url: string) {
        if (topThrows) throw new DOMException('not allowed', 'SecurityError');
        calls.push(`top ${url}`);
      },
      get href() {
        return '';
      },
    },
  };
  const win = {
    self,
    top: framed ? top : self,
    location: {assign: (url: string | URL) => calls.push(`self ${url}`)},
  };
  return {win: win as never, calls};
}

describe('redirect', () => {
  describe('when it checks a payment URL', () => {
    it('allows https on a listed Palomma origin', () => {
      const url = allowedPaymentUrl('https://pagos.palomma.com/pay/acme/01J', live);

      expect(url?.href).to.equal('https://pagos.palomma.com/pay/acme/01J');
    });

    it('refuses an origin the proxy does not list', () => {
      expect(allowedPaymentUrl('https://pagos.palomma.com.evil.example/pay', live)).to.equal(
        undefined,
      );
      expect(allowedPaymentUrl('https://evil.example/pay', live)).to.equal(undefined);
    });

    it('refuses plain http in live mode, even on a listed host', () => {
      const config: Origins = {mode: 'live', paymentOrigins: ['http://pagos.palomma.com']};

      expect(allowedPaymentUrl('http://pagos.palomma.com/pay', config)).to.equal(undefined);
    });

    it('allows the local sandbox over http in sandbox mode', () => {
      expect(allowedPaymentUrl('http://localhost:4011/pay/acme/1', sandbox)).to.not.equal(
        undefined,
      );
    });

    it('refuses javascript:, data: and credentials in the URL', () => {
      expect(allowedPaymentUrl('javascript:alert(1)', sandbox)).to.equal(undefined);
      expect(allowedPaymentUrl('data:text/html,hi', sandbox)).to.equal(undefined);
      expect(allowedPaymentUrl('https://u:p@pagos.palomma.com/pay', live)).to.equal(undefined);
      expect(allowedPaymentUrl('not a url', live)).to.equal(undefined);
    });
  });

  describe('when it opens the payment page', () => {
    it('navigates the same tab by default', () => {
      const {win, calls} = fakeWindow(false);

      expect(openPaymentPage('https://p/1', 'self', win)).to.equal('navigated');
      expect(calls).to.deep.equal(['self https://p/1']);
    });

    it('navigates the top window from an iframe with target top', () => {
      const {win, calls} = fakeWindow(true);

      expect(openPaymentPage('https://p/1', 'top', win)).to.equal('navigated');
      expect(calls).to.deep.equal(['top https://p/1']);
    });

    it('asks for a link when the frame may not navigate the top window', () => {
      const {win, calls} = fakeWindow(true, true);

      expect(openPaymentPage('https://p/1', 'top', win)).to.equal('link');
      expect(calls).to.deep.equal([]);
    });

    it('navigates itself with target top when it is not framed', () => {
      const {win, calls} = fakeWindow(false);

      expect(openPaymentPage('https://p/1', 'top', win)).to.equal('navigated');
      expect(calls).to.deep.equal(['self https://p/1']);
    });

    it('never opens a window for target blank: the shopper gets a link', () => {
      const {win, calls} = fakeWindow(false);

      expect(openPaymentPage('https://p/1', 'blank', win)).to.equal('link');
      expect(calls).to.deep.equal([]);
    });

    it('reads unknown targets as self', () => {
      expect(toTarget('_parent')).to.equal('self');
      expect(toTarget(null)).to.equal('self');
      expect(toTarget('top')).to.equal('top');
    });
  });
});

describe('<palomma-pay>', () => {
  describe('when it sits in a sandboxed iframe without allow-top-navigation or allow-forms', () => {
    it('still pays, and shows a "Continuar al pago" link instead of failing silently', async () => {
      const frame = await loadFrame(
        '/test/widget/pages/frame.html',
        'allow-scripts allow-same-origin',
      );
      const win = frame.contentWindow as Window & typeof globalThis;
      const proxy = installFakeProxy(sandboxConfig, win);
      const el = win.document.createElement('palomma-pay') as PalommaPay;
      el.endpoint = endpoint;
      el.amount = 1_850_000;
      el.target = 'top';
      win.document.body.append(el);
      await waitUntil(() => el.shadowRoot?.querySelector('[part~="badge"]'), 'no config');
      type(control(el, 'Número de documento'), '1020304050');
      const redirected = oneEvent(el, 'palomma-redirect');

      button(el).click();
      const {detail} = await redirected;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="link"]'), 'no link');

      const link = part<HTMLAnchorElement>(el, 'link');
      expect(link.textContent!.trim()).to.equal('Continuar al pago');
      expect(link.href).to.equal(detail.url);
      expect(link.target).to.equal('_top');
      expect(el.shadowRoot!.activeElement).to.equal(link);
      expect(window.location.pathname).to.not.include('/pay/');
      proxy.restore();
      frame.remove();
    });
  });

  describe('when target is blank', () => {
    it('shows a link that opens a new tab on the shopper click', async () => {
      const proxy = installFakeProxy();
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="5000" target="blank"></palomma-pay>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="badge"]'), 'no config');
      type(control(el, 'Número de documento'), '1020304050');

      await el.submit();
      await el.updateComplete;

      const link = part<HTMLAnchorElement>(el, 'link');
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.include('noopener');
      await expect(el).to.be.accessible();
      proxy.restore();
    });
  });
});

import {aTimeout, expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {emulateMedia, sendKeys, setViewport} from '@web/test-runner-commands';
import '../../widget/index.js';
import {errorCodes} from '../../widget/contract.js';
import type {PalommaErrorEvent} from '../../widget/events.js';
import {defaultMessages} from '../../widget/messages.js';
import type {PalommaPay} from '../../widget/palomma-pay.js';
import {
  endpoint,
  errorReply,
  hang,
  installFakeProxy,
  invoiceFor,
  json,
  sandboxConfig,
  type FakeProxy,
} from './fake-proxy.js';
import {errorStatus} from '../../proxy/errors.js';
import {
  button,
  choose,
  control,
  fillValid,
  mount,
  part,
  ready,
  stubNavigation,
  type,
  unmountAll,
} from './helpers.js';

const es = defaultMessages.es;

let proxy: FakeProxy;
let navigation: ReturnType<typeof stubNavigation>;

async function rent(extra = html``): Promise<PalommaPay> {
  const el = await fixture<PalommaPay>(
    html`<palomma-pay endpoint=${endpoint} amount="1850000" description="Canon marzo"></palomma-pay
      >${extra}`,
  );
  await ready(el);
  return el;
}

beforeEach(() => {
  proxy = installFakeProxy();
  navigation = stubNavigation();
});

afterEach(() => {
  proxy.restore();
  navigation.restore();
  unmountAll();
});

describe('<palomma-pay>', () => {
  describe('when it shows a fixed amount', () => {
    it('is accessible while empty', async () => {
      const el = await rent();

      await expect(el).to.be.accessible();
    });

    it('shows the concept and the amount before the shopper leaves', async () => {
      const el = await rent();

      expect(part(el, 'description').textContent).to.equal('Canon marzo');
      expect(part(el, 'amount').textContent!.replace(/\s/g, ' ')).to.equal('$ 1.850.000');
      expect(button(el).textContent!.trim().replace(/\s/g, ' ')).to.equal('Pagar $ 1.850.000');
    });

    it('labels every field in Spanish, with human document names', async () => {
      const el = await rent();

      const select = control<HTMLSelectElement>(el, 'Tipo de documento');
      expect(select.tagName).to.equal('SELECT');
      expect([...select.options].map((o) => o.textContent!.trim())).to.include(
        'Cédula de ciudadanía',
      );
      expect(control(el, 'Número de documento').tagName).to.equal('INPUT');
      expect(control(el, 'Nombre').autocomplete).to.equal('name');
      expect(el.shadowRoot!.textContent).to.include('(opcional)');
    });

    it('keeps its empty live regions rendered but takes no room for them', async () => {
      const el = await rent();

      expect(getComputedStyle(part(el, 'status')).display).to.not.equal('none');
      expect(part(el, 'form').getBoundingClientRect().bottom).to.equal(
        button(el).getBoundingClientRect().bottom,
      );
    });

    it('shows the sandbox badge when the proxy runs in sandbox mode', async () => {
      const el = await rent();

      expect(part(el, 'badge').textContent).to.equal('Modo de pruebas');
    });

    it('shows no badge in live mode', async () => {
      proxy.restore();
      proxy = installFakeProxy({
        ...sandboxConfig,
        mode: 'live',
        paymentOrigins: ['https://pagos.palomma.com'],
      });

      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint="${endpoint}/live" amount="5000"></palomma-pay>`,
      );
      await ready(el);

      expect(el.shadowRoot!.querySelector('[part~="badge"]')).to.equal(null);
    });

    it('fires palomma-ready with the mode and amount', async () => {
      const el = document.createElement('palomma-pay');
      el.endpoint = endpoint;
      el.amount = 1_850_000;
      const readyEvent = oneEvent(el, 'palomma-ready');

      document.body.append(el);
      const {detail} = await readyEvent;

      expect(detail).to.deep.equal({mode: 'sandbox', amount: 1_850_000});
      el.remove();
    });
  });

  describe('when the shopper submits valid details', () => {
    it('posts the checkout, fires submit, invoice and redirect, then navigates', async () => {
      const el = await rent();
      fillValid(el);
      type(control(el, 'Nombre'), '  Ana Gómez ');
      const submitted = oneEvent(el, 'palomma-submit');
      const invoiced = oneEvent(el, 'palomma-invoice');
      const redirected = oneEvent(el, 'palomma-redirect');

      button(el).click();
      const submit = await submitted;
      const invoice = await invoiced;
      const redirect = await redirected;

      expect(submit.detail.request).to.deep.equal({
        documentType: 'cc',
        documentNumber: '1020304050',
        customerName: 'Ana Gómez',
        description: 'Canon marzo',
        amount: 1_850_000,
      });
      expect(proxy.checkouts).to.deep.equal([submit.detail.request]);
      expect(invoice.detail.paymentUrl).to.match(/^http:\/\/sandbox\.test\/pay\//);
      expect(redirect.detail).to.deep.equal({
        url: invoice.detail.paymentUrl,
        target: 'self',
        reference: invoice.detail.reference,
      });
      expect(redirect.cancelable).to.equal(true);
      expect(navigation.calls).to.deep.equal([{url: invoice.detail.paymentUrl, target: 'self'}]);
    });

    it('announces "Creando tu pago…" and is accessible while pending', async () => {
      proxy.onCheckout(hang);
      const el = await rent();
      fillValid(el);

      button(el).click();
      await waitUntil(() => part(el, 'status').textContent === es.creating);

      expect(part(el, 'status').getAttribute('role')).to.equal('status');
      expect(getComputedStyle(part(el, 'error')).display).to.not.equal('none');
      expect(button(el).getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('announces "Redirigiendo a Palomma…" once it leaves', async () => {
      const el = await rent();
      fillValid(el);

      button(el).click();
      await waitUntil(() => navigation.calls.length === 1);
      await el.updateComplete;

      expect(part(el, 'status').textContent).to.equal(es.redirecting);
    });

    it('sends one request for a double click', async () => {
      let release!: () => void;
      proxy.onCheckout(async (_request, body) => {
        await new Promise<void>((resolve) => (release = resolve));
        return json(201, invoiceFor(body as never));
      });
      const el = await rent();
      fillValid(el);

      button(el).click();
      button(el).click();
      await el.submit();
      await waitUntil(() => release !== undefined);
      release();
      await waitUntil(() => navigation.calls.length === 1);

      expect(proxy.checkouts).to.have.length(1);
    });

    it('lets a single-page app take over by cancelling palomma-redirect', async () => {
      const el = await rent();
      fillValid(el);
      el.addEventListener('palomma-redirect', (event) => event.preventDefault());
      const redirected = oneEvent(el, 'palomma-redirect');

      button(el).click();
      await redirected;
      await el.updateComplete;

      expect(navigation.calls).to.have.length(0);
      expect(button(el).hasAttribute('aria-disabled')).to.equal(false);
    });

    it('sends nothing when palomma-submit is cancelled', async () => {
      const el = await rent();
      fillValid(el);
      el.addEventListener('palomma-submit', (event) => event.preventDefault());

      const result = await el.submit();

      expect(result).to.equal(false);
      expect(proxy.checkouts).to.have.length(0);
    });

    it('sends the prefilled shopper, contract and signed fields', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay
          endpoint=${endpoint}
          amount="1850000"
          reference="APT-302-2026-03"
          contract="APT-302"
          signature="c2lnbmVk"
          expires="1999999999"
          document-type="nit"
          document-number="900.123.456-8"
          customer-name="Inmobiliaria Sol"
        ></palomma-pay>`,
      );
      await ready(el);

      await el.submit();

      expect(proxy.checkouts[0]).to.deep.equal({
        documentType: 'nit',
        documentNumber: '900.123.456-8',
        customerName: 'Inmobiliaria Sol',
        reference: 'APT-302-2026-03',
        contract: 'APT-302',
        amount: 1_850_000,
        signature: 'c2lnbmVk',
        expires: 1_999_999_999,
      });
    });

    it('reuses a live payment link when the shopper comes back and pays again', async () => {
      const el = await rent();
      fillValid(el);
      await el.submit();

      window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
      await el.updateComplete;
      await el.submit();

      expect(proxy.checkouts).to.have.length(1);
      expect(navigation.calls).to.have.length(2);
      expect(navigation.calls[1]!.url).to.equal(navigation.calls[0]!.url);
    });
  });

  describe('when the shopper comes back with the Back button', () => {
    it('leaves "Redirigiendo…" for a usable form on a persisted pageshow', async () => {
      const el = await rent();
      fillValid(el);
      await el.submit();
      await el.updateComplete;
      expect(part(el, 'status').textContent).to.equal(es.redirecting);

      window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
      await el.updateComplete;

      expect(part(el, 'status').textContent).to.equal('');
      expect(button(el).hasAttribute('aria-disabled')).to.equal(false);
      expect(control(el, 'Número de documento').value).to.equal('1020304050');
    });

    it('ignores a pageshow that is a fresh load', async () => {
      const el = await rent();
      fillValid(el);
      await el.submit();

      window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: false}));
      await el.updateComplete;

      expect(part(el, 'status').textContent).to.equal(es.redirecting);
    });
  });

  describe('when the details are invalid', () => {
    it('marks the field, ties the message to it and focuses it', async () => {
      const el = await rent();
      const input = control(el, 'Número de documento');
      expect(input.hasAttribute('aria-invalid')).to.equal(false);

      button(el).click();
      await waitUntil(() => input.getAttribute('aria-invalid') === 'true');

      const message = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!);
      expect(message!.textContent).to.equal(es.required);
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect(proxy.checkouts).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('says how a cédula is written when the number does not fit', async () => {
      const el = await rent();
      type(control(el, 'Número de documento'), '12AB');

      expect(el.reportValidity()).to.equal(false);
      await el.updateComplete;

      expect(part(el, 'field-error').textContent).to.equal(
        'Escribe de 5 a 10 dígitos, sin letras.',
      );
    });

    it('says how a passport is written, following the chosen type', async () => {
      const el = await rent();
      type(control(el, 'Número de documento'), 'AB1');
      el.reportValidity();

      choose(control<HTMLSelectElement>(el, 'Tipo de documento'), 'ps');
      await el.updateComplete;

      expect(part(el, 'field-error').textContent).to.equal('Escribe de 5 a 16 letras o números.');
    });

    it('checks the NIT check digit', async () => {
      const el = await rent();
      choose(control<HTMLSelectElement>(el, 'Tipo de documento'), 'nit');
      type(control(el, 'Número de documento'), '900.123.456-1');

      expect(el.reportValidity()).to.equal(false);
      await el.updateComplete;

      expect(part(el, 'field-error').textContent).to.equal(
        'El dígito de verificación no coincide: revísalo o escribe el NIT sin él.',
      );
    });

    it('offers the numeric keyboard for numeric documents only', async () => {
      const el = await rent();
      const input = control(el, 'Número de documento');
      expect(input.inputMode).to.equal('numeric');

      choose(control<HTMLSelectElement>(el, 'Tipo de documento'), 'ps');
      await el.updateComplete;

      expect(input.inputMode).to.equal('text');
    });

    it('clears the message once the shopper fixes the field', async () => {
      const el = await rent();
      el.reportValidity();
      await el.updateComplete;

      fillValid(el);
      await el.updateComplete;

      const input = control(el, 'Número de documento');
      expect(input.hasAttribute('aria-invalid')).to.equal(false);
      expect(el.shadowRoot!.querySelector('[part~="field-error"]')).to.equal(null);
    });
  });

  describe('when the shopper types the amount', () => {
    async function open(): Promise<PalommaPay> {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay
          endpoint=${endpoint}
          description="Abono"
          min-amount="10000"
          max-amount="2000000"
        ></palomma-pay>`,
      );
      await ready(el);
      return el;
    }

    it('formats pesos as they are typed and puts them on the button', async () => {
      const el = await open();
      const amount = control(el, 'Monto');

      type(amount, '1850000');
      await el.updateComplete;

      expect(amount.value.replace(/\s/g, ' ')).to.equal('$ 1.850.000');
      expect(amount.inputMode).to.equal('numeric');
      expect(amount.autocomplete).to.equal('transaction-amount');
      expect(button(el).textContent!.trim().replace(/\s/g, ' ')).to.equal('Pagar $ 1.850.000');
    });

    it('says the minimum in pesos', async () => {
      const el = await open();
      type(control(el, 'Monto'), '5000');
      fillValid(el);

      button(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="field-error"]'));

      expect(part(el, 'field-error').textContent!.replace(/\s/g, ' ')).to.equal(
        'El monto mínimo es $ 10.000.',
      );
      expect(proxy.checkouts).to.have.length(0);
    });

    it('says the maximum in pesos', async () => {
      const el = await open();
      type(control(el, 'Monto'), '3000000');

      el.reportValidity();
      await el.updateComplete;

      expect(part(el, 'field-error').textContent!.replace(/\s/g, ' ')).to.equal(
        'El monto máximo es $ 2.000.000.',
      );
    });

    it('sends whole pesos', async () => {
      const el = await open();
      type(control(el, 'Monto'), '250000');
      fillValid(el);

      await el.submit();

      expect(proxy.checkouts[0]!.amount).to.equal(250_000);
    });

    it('charges whole pesos when the shopper types cents, not a hundred times more', async () => {
      const el = await open();
      const amount = control(el, 'Monto');
      fillValid(el);

      for (const key of '1.850.000,50') type(amount, amount.value + key);
      await el.updateComplete;
      await el.submit();

      expect(amount.value.replace(/\s/g, ' ')).to.equal('$ 1.850.000,50');
      expect(button(el).textContent!.trim().replace(/\s/g, ' ')).to.equal('Pagar $ 1.850.000');
      expect(proxy.checkouts[0]!.amount).to.equal(1_850_000);
    });

    it('reads cents in a pasted amount whichever separator they use', async () => {
      const el = await open();
      const amount = control(el, 'Monto');

      for (const pasted of ['1850000.00', '1.850.000,00', '$1,850,000.00']) {
        amount.value = pasted;
        amount.dispatchEvent(
          new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true, composed: true}),
        );
        await el.updateComplete;

        expect(amount.value.replace(/\s/g, ' '), pasted).to.equal('$ 1.850.000');
      }
    });

    it('deletes the digit after a thousands dot with the Delete key', async () => {
      const el = await open();
      const amount = control(el, 'Monto');
      type(amount, '185000');

      // Delete with the caret at "$ 185|.000" takes the dot out; the browser reports what is left.
      amount.value = amount.value.slice(0, 5) + amount.value.slice(6);
      amount.setSelectionRange(5, 5);
      amount.dispatchEvent(
        new InputEvent('input', {inputType: 'deleteContentForward', bubbles: true, composed: true}),
      );
      await el.updateComplete;

      expect(amount.value.replace(/\s/g, ' ')).to.equal('$ 18.500');
      expect(amount.selectionStart).to.equal('$ 18.5'.length);
    });

    it('shows the proxy range refusal next to the amount', async () => {
      proxy.onCheckout(() => errorReply(403, 'amount_not_allowed', {amount: 'too_small'}));
      const el = await open();
      type(control(el, 'Monto'), '20000');
      fillValid(el);

      await el.submit();
      await el.updateComplete;

      expect(control(el, 'Monto').getAttribute('aria-invalid')).to.equal('true');
      expect(part(el, 'field-error').textContent!.replace(/\s/g, ' ')).to.equal(
        'El monto mínimo es $ 10.000.',
      );
    });

    it('asks for the contract when the merchant wants it', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="90000" ask-contract></palomma-pay>`,
      );
      await ready(el);
      fillValid(el);

      expect(el.reportValidity()).to.equal(false);
      type(control(el, 'Contrato'), 'APT-9');
      await el.submit();

      expect(proxy.checkouts[0]!.contract).to.equal('APT-9');
    });
  });

  describe('when the amount comes from the catalog', () => {
    it('shows the item from the proxy config and sends only its id', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} item="fee"></palomma-pay>`,
      );
      await ready(el);
      fillValid(el);

      await el.submit();

      expect(part(el, 'description').textContent).to.equal('Cuota de administración');
      expect(part(el, 'amount').textContent!.replace(/\s/g, ' ')).to.equal('$ 45.000');
      expect(proxy.checkouts[0]).to.deep.equal({
        documentType: 'cc',
        documentNumber: '1020304050',
        item: 'fee',
      });
    });

    it('reports an unknown item at boot instead of a dead button', async () => {
      const el = document.createElement('palomma-pay');
      el.endpoint = endpoint;
      el.item = 'nope';
      const failed = oneEvent(el, 'palomma-error');

      document.body.append(el);
      const {detail} = await failed;
      await el.updateComplete;

      expect(detail.code).to.equal('config_error');
      expect(part(el, 'error').textContent).to.equal(es.errors.config_error);
      el.remove();
    });
  });

  describe('when the proxy answers with an error', () => {
    for (const code of errorCodes) {
      it(`shows the ${code} message and fires palomma-error`, async () => {
        proxy.onCheckout(() => errorReply(errorStatus[code], code));
        const el = await rent();
        fillValid(el);
        const failed = oneEvent(el, 'palomma-error');

        button(el).click();
        const {detail} = await failed;
        await el.updateComplete;

        expect(detail.code).to.equal(code);
        expect(detail.message).to.equal(es.errors[code]);
        expect(part(el, 'error').textContent).to.equal(es.errors[code]);
        expect(button(el).hasAttribute('aria-disabled')).to.equal(false);
        expect(navigation.calls).to.have.length(0);
      });
    }

    it('is accessible with the error shown, and the button works again', async () => {
      proxy.onCheckout(() => errorReply(502, 'upstream_error'));
      const el = await rent();
      fillValid(el);
      await el.submit();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      proxy.onCheckout((_request, body) => json(201, invoiceFor(body as never)));

      await el.submit();

      expect(navigation.calls).to.have.length(1);
      expect(part(el, 'error').textContent).to.equal('');
    });

    it('marks retryable failures', async () => {
      proxy.onCheckout(() => errorReply(429, 'rate_limited'));
      const el = await rent();
      fillValid(el);
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();

      expect((await failed).detail.retryable).to.equal(true);
    });

    it('puts the proxy field problems next to the fields', async () => {
      proxy.onCheckout(() => errorReply(400, 'invalid_request', {documentNumber: 'check_digit'}));
      const el = await rent();
      fillValid(el);
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();
      const {detail} = await failed;
      await el.updateComplete;

      expect(detail.field).to.equal('documentNumber');
      expect(control(el, 'Número de documento').getAttribute('aria-invalid')).to.equal('true');
      expect(part(el, 'field-error').textContent).to.equal(es.documentCheckDigit);
    });

    it('prints a hint in debug mode', async () => {
      proxy.onCheckout(() => errorReply(403, 'origin_not_allowed'));
      const el = await rent();
      el.debug = true;
      fillValid(el);
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);

      try {
        await el.submit();
      } finally {
        console.warn = warn;
      }

      expect(String(warnings[0]?.[0])).to.include('origin_not_allowed');
      expect(String(warnings[0]?.[0])).to.include('proxy says origin_not_allowed');
    });
  });

  describe('when the network or the reply fails', () => {
    it('says the connection is down', async () => {
      proxy.onCheckout(() => Promise.reject(new TypeError('Failed to fetch')));
      const el = await rent();
      fillValid(el);
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();
      const {detail} = await failed;

      expect(detail).to.deep.equal({
        code: 'network_error',
        message: es.errors.network_error,
        retryable: true,
      });
    });

    it('gives up after the timeout', async () => {
      proxy.onCheckout(hang);
      const el = await rent();
      el.timeout = 100;
      fillValid(el);
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();

      expect((await failed).detail.code).to.equal('network_timeout');
    });

    it('refuses a reply that is not the documented shape', async () => {
      proxy.onCheckout(() => json(201, {paymentUrl: 'http://sandbox.test/pay/x'}));
      const el = await rent();
      fillValid(el);
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();

      expect((await failed).detail.code).to.equal('invalid_response');
      expect(navigation.calls).to.have.length(0);
    });

    it('refuses an HTML error page from a gateway', async () => {
      proxy.onCheckout(() => new Response('<h1>502 Bad Gateway</h1>', {status: 502}));
      const el = await rent();
      fillValid(el);
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();

      expect((await failed).detail.code).to.equal('invalid_response');
    });

    it('never navigates to a payment URL outside the proxy payment origins', async () => {
      proxy.onCheckout((_request, body) =>
        json(201, invoiceFor(body as never, 'https://pagos.palomma.evil.example')),
      );
      const el = await rent();
      fillValid(el);
      const announced: Event[] = [];
      el.addEventListener('palomma-invoice', (event) => announced.push(event));
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();
      const {detail} = await failed;

      expect(detail.code).to.equal('upstream_error');
      expect(detail.message).to.equal(es.redirectRefused);
      expect(navigation.calls).to.have.length(0);
      expect(announced, 'palomma-invoice for a refused link').to.have.length(0);
    });

    it('shows the failure when the config cannot load, and retries on submit', async () => {
      proxy.onConfig(() => errorReply(500, 'internal'));
      const el = document.createElement('palomma-pay');
      el.endpoint = `${endpoint}/flaky`;
      el.amount = 50_000;
      const failed = oneEvent(el, 'palomma-error');
      document.body.append(el);
      expect((await failed).detail.code).to.equal('internal');
      proxy.onConfig(() => json(200, sandboxConfig));
      await el.updateComplete;
      fillValid(el);

      await el.submit();

      expect(navigation.calls).to.have.length(1);
      el.remove();
    });
  });

  describe('when the element is removed mid-request', () => {
    it('aborts the request and fires nothing after', async () => {
      proxy.onCheckout(hang);
      const el = await rent();
      fillValid(el);
      const events: string[] = [];
      for (const name of ['palomma-invoice', 'palomma-redirect', 'palomma-error']) {
        el.addEventListener(name, () => events.push(name));
      }
      const submitting = el.submit();
      await waitUntil(() => proxy.requests.some((r) => r.method === 'POST'), 'no POST');

      el.remove();
      const result = await submitting;
      await aTimeout(20);

      expect(result).to.equal(false);
      expect(proxy.requests.find((r) => r.method === 'POST')!.signal.aborted).to.equal(true);
      expect(events).to.deep.equal([]);
    });
  });

  describe('when it is disabled', () => {
    it('is accessible and sends nothing', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="5000" disabled></palomma-pay>`,
      );
      await ready(el);
      fillValid(el);

      const result = await el.submit();

      expect(result).to.equal(false);
      expect(button(el).disabled).to.equal(true);
      expect(control(el, 'Número de documento').disabled).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('when it is themed', () => {
    afterEach(() => emulateMedia({colorScheme: 'light', reducedMotion: 'no-preference'}));

    it('is accessible in the dark theme', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="5000" theme="dark"></palomma-pay>`,
      );
      await ready(el);
      el.reportValidity();
      await el.updateComplete;

      expect(getComputedStyle(part(el, 'form')).backgroundColor).to.equal('rgb(23, 23, 31)');
      await expect(el).to.be.accessible();
    });

    it('follows the system with theme="auto"', async () => {
      await emulateMedia({colorScheme: 'dark'});

      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="5000" theme="auto"></palomma-pay>`,
      );

      expect(getComputedStyle(part(el, 'form')).backgroundColor).to.equal('rgb(23, 23, 31)');
    });

    it('takes --palomma-* custom properties and ::part() rules from the page', async () => {
      const el = await mount(
        html`<div>
          <style>
            .branded {
              --palomma-accent: rgb(0, 100, 0);
              --palomma-radius: 0px;
            }
            .branded::part(badge) {
              text-transform: uppercase;
            }
          </style>
          <palomma-pay class="branded" endpoint=${endpoint} amount="5000"></palomma-pay>
        </div>`,
      );
      const pay = el.querySelector('palomma-pay')!;
      await ready(pay);

      expect(getComputedStyle(button(pay)).backgroundColor).to.equal('rgb(0, 100, 0)');
      expect(getComputedStyle(button(pay)).borderTopLeftRadius).to.equal('0px');
      expect(getComputedStyle(part(pay, 'badge')).textTransform).to.equal('uppercase');
    });

    it('stops the spinner for shoppers who ask for reduced motion', async () => {
      await emulateMedia({reducedMotion: 'reduce'});
      proxy.onCheckout(hang);
      const el = await rent();
      fillValid(el);

      button(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="spinner"]'));

      expect(getComputedStyle(part(el, 'spinner')).animationName).to.equal('none');
    });

    it('keeps a border on the button for Windows high contrast, which drops backgrounds', async () => {
      // forced-colors cannot be emulated here: a transparent border is what that mode repaints in ButtonText.
      const el = await rent();

      const style = getComputedStyle(button(el));

      expect(style.borderTopStyle).to.equal('solid');
      expect(style.borderTopWidth).to.equal('1px');
      expect(style.borderTopColor).to.equal('rgba(0, 0, 0, 0)');
    });

    it('inherits the page font by default', async () => {
      const el = await mount(
        html`<div style="font-family: Georgia, serif">
          <palomma-pay endpoint=${endpoint} amount="5000"></palomma-pay>
        </div>`,
      );
      const pay = el.querySelector('palomma-pay')!;

      expect(getComputedStyle(part(pay, 'form')).fontFamily).to.equal('Georgia, serif');
    });
  });

  describe('when the host page CSS is hostile', () => {
    it('keeps its layout, sizes and targets', async () => {
      const el = await mount(
        html`<div class="hostile">
          <style>
            .hostile * {
              font-size: 6px !important;
              letter-spacing: 5px !important;
              text-transform: uppercase !important;
              line-height: 0 !important;
              visibility: hidden;
            }
            .hostile button,
            .hostile input,
            .hostile label {
              display: none !important;
            }
          </style>
          <palomma-pay endpoint=${endpoint} amount="5000"></palomma-pay>
        </div>`,
      );
      const pay = el.querySelector('palomma-pay')!;
      await ready(pay);

      const style = getComputedStyle(button(pay));
      expect(style.display).to.not.equal('none');
      expect(style.textTransform).to.equal('none');
      expect(style.letterSpacing).to.equal('normal');
      expect(style.visibility).to.equal('visible');
      expect(parseFloat(style.fontSize)).to.be.at.least(16);
      expect(button(pay).getBoundingClientRect().height).to.be.at.least(24);
      expect(control(pay, 'Número de documento').getBoundingClientRect().height).to.be.at.least(24);
    });
  });

  describe('when the screen is narrow', () => {
    afterEach(() => setViewport({width: 800, height: 600}));

    it('fits 280 px without horizontal scrolling', async () => {
      await setViewport({width: 280, height: 640});

      const el = await fixture<PalommaPay>(
        html`<palomma-pay
          endpoint=${endpoint}
          description="Canon de arrendamiento diciembre 2026"
          min-amount="3000"
        ></palomma-pay>`,
      );
      await ready(el);

      expect(el.getBoundingClientRect().width).to.be.at.most(280);
      expect(part(el, 'form').scrollWidth).to.be.at.most(part(el, 'form').clientWidth);
    });
  });

  describe('when the shopper uses only the keyboard', () => {
    it('completes the payment with Tab, typing and Enter', async () => {
      const el = await rent(html`<button id="before">antes</button>`);
      el.before(el.nextElementSibling!);
      (document.getElementById('before') as HTMLButtonElement).focus();
      const redirected = oneEvent(el, 'palomma-redirect');

      await sendKeys({press: 'Tab'});
      expect(el.shadowRoot!.activeElement).to.equal(control(el, 'Tipo de documento'));
      await sendKeys({press: 'Tab'});
      await sendKeys({type: '1020304050'});
      await sendKeys({press: 'Tab'});
      await sendKeys({type: 'Ana'});
      await sendKeys({press: 'Tab'});
      expect(el.shadowRoot!.activeElement).to.equal(button(el));
      await sendKeys({press: 'Enter'});
      await redirected;

      expect(proxy.checkouts[0]).to.include({documentNumber: '1020304050', customerName: 'Ana'});
      document.getElementById('before')!.remove();
    });

    it('submits with Enter in a field', async () => {
      const el = await rent();
      control(el, 'Número de documento').focus();
      const redirected = oneEvent(el, 'palomma-redirect');

      await sendKeys({type: '1020304050'});
      await sendKeys({press: 'Enter'});
      await redirected;

      expect(proxy.checkouts).to.have.length(1);
    });
  });

  describe('when it speaks English', () => {
    it('labels the form and says errors in English', async () => {
      proxy.onCheckout(() => errorReply(429, 'rate_limited'));
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="1850000" lang="en"></palomma-pay>`,
      );
      await ready(el);
      type(control(el, 'Document number'), '1020304050');
      const failed = oneEvent(el, 'palomma-error');

      await el.submit();
      const {detail} = await failed;
      await el.updateComplete;

      expect(button(el).textContent!.trim().replace(/\s/g, ' ')).to.equal('Pay COP 1,850,000');
      expect(detail.message).to.equal(defaultMessages.en.errors.rate_limited);
    });

    it('says in English how the document number is written', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay endpoint=${endpoint} amount="1850000" lang="en"></palomma-pay>`,
      );
      await ready(el);
      type(control(el, 'Document number'), '123');

      el.reportValidity();
      await el.updateComplete;

      expect(part(el, 'field-error').textContent).to.equal(
        'Enter 5 to 10 digits, without letters.',
      );
    });

    it('takes the merchant overrides for any text', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay
          endpoint=${endpoint}
          amount="5000"
          .messages=${{pay: 'Pagar arriendo', payAmount: 'Pagar arriendo de {amount}', documentTypes: {cc: 'C.C.'}}}
        ></palomma-pay>`,
      );
      await ready(el);

      expect(button(el).textContent!.trim().replace(/\s/g, ' ')).to.equal(
        'Pagar arriendo de $ 5.000',
      );
      expect(
        control<HTMLSelectElement>(el, 'Tipo de documento').options[0]!.textContent!.trim(),
      ).to.equal('C.C.');
    });
  });

  describe('when a CMS block can only write HTML', () => {
    it('takes text overrides as JSON in the messages attribute', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay
          endpoint=${endpoint}
          amount="5000"
          messages='{"payAmount": "Pagar arriendo de {amount}"}'
        ></palomma-pay>`,
      );

      expect(button(el).textContent!.trim().replace(/\s/g, ' ')).to.equal(
        'Pagar arriendo de $ 5.000',
      );
    });
  });

  describe('when the navigation never happens', () => {
    it('offers the "Continuar al pago" link instead of "Redirigiendo…" forever', async () => {
      const el = await rent();
      (el as unknown as {_stallMs: number})._stallMs = 30;
      fillValid(el);

      await el.submit();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="link"]'), 'no link');

      expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(navigation.calls[0]!.url);
      expect(part<HTMLAnchorElement>(el, 'link').target).to.equal('_self');
      expect(part(el, 'status').textContent).to.equal('');
    });
  });

  describe('when the page sets a prefill after the shopper typed', () => {
    it('keeps what the shopper typed in the other fields', async () => {
      const el = await rent();
      type(control(el, 'Número de documento'), '1020304050');
      await el.updateComplete;

      el.customerName = 'Ana Gómez';
      await el.updateComplete;

      expect(control(el, 'Número de documento').value).to.equal('1020304050');
      expect(control(el, 'Nombre').value).to.equal('Ana Gómez');
    });
  });

  describe('when it is reset', () => {
    it('goes back to the prefilled values and clears messages', async () => {
      const el = await fixture<PalommaPay>(
        html`<palomma-pay
          endpoint=${endpoint}
          amount="5000"
          document-number="123456"
        ></palomma-pay>`,
      );
      await ready(el);
      type(control(el, 'Número de documento'), 'x');
      el.reportValidity();
      await el.updateComplete;

      el.reset();
      await el.updateComplete;

      expect(control(el, 'Número de documento').value).to.equal('123456');
      expect(el.shadowRoot!.querySelector('[part~="field-error"]')).to.equal(null);
    });
  });

  describe('when the attributes are wrong', () => {
    it('says so in the form, the console and a config_error event', async () => {
      const errors: unknown[][] = [];
      const error = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      const el = document.createElement('palomma-pay');
      el.setAttribute('endpoint', endpoint);
      el.setAttribute('amount', '1.850.000');
      const failed = oneEvent(el, 'palomma-error');

      try {
        document.body.append(el);
        const {detail} = (await failed) as PalommaErrorEvent;
        expect(detail.code).to.equal('config_error');
      } finally {
        console.error = error;
      }
      await el.updateComplete;

      expect(String(errors[0]?.[0])).to.include('amount must be whole pesos');
      expect(part(el, 'error').textContent).to.equal(es.errors.config_error);
      el.remove();
    });
  });
});

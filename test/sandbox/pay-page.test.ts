import assert from 'node:assert/strict';
import {after, beforeEach, describe, it} from 'node:test';
import {call, createInvoice, exampleInvoice, newSandbox, submitPayPage} from './helpers.js';

const sandbox = newSandbox();
after(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.clock.set('2026-03-11T16:32:14.007Z');
  Object.assign(sandbox.invoices.options, {declineStatus: 'ready', pendingDelayMs: 30_000});
});

async function open(paymentUrl: string) {
  const response = await sandbox.app.request(new URL(paymentUrl).pathname);
  return {response, html: await response.text()};
}

async function api(id: string) {
  return (await call(sandbox, 'GET', `/v1/invoices/${id}`)).json;
}

describe('the hosted payment page', () => {
  describe('when a shopper opens a fresh link', () => {
    it('shows the invoice in Spanish with the COP amount, concept, merchant and reference', async () => {
      const invoice = await createInvoice(sandbox);

      const {response, html} = await open(invoice.paymentUrl);

      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^text\/html/);
      assert.match(html, /<html lang="es">/);
      assert.match(html, /\$\u00a01\.850\.000/);
      assert.match(html, /Canon de arrendamiento marzo 2026/);
      assert.match(html, /INV-2026-0001/);
      assert.match(html, /sandbox_merchant/);
      assert.match(html, /Sandbox · Modo de pruebas/);
    });

    it('offers the five methods as labelled radios in a fieldset with a legend', async () => {
      const invoice = await createInvoice(sandbox);

      const {html} = await open(invoice.paymentUrl);

      assert.match(html, /<fieldset>\s*<legend>Medio de pago<\/legend>/);
      for (const [value, label] of [
        ['pse', 'PSE'],
        ['nequiButton', 'Nequi'],
        ['bancolombiaButton', 'Botón Bancolombia'],
        ['breb', 'Bre-B'],
        ['card', 'Tarjeta'],
      ]) {
        assert.match(
          html,
          new RegExp(
            `<input\\s+type="radio"\\s+id="method-${value}"\\s+name="method"\\s+value="${value}"\\s+required`,
          ),
        );
        assert.match(html, new RegExp(`<label for="method-${value}">${label}</label>`));
      }
    });

    it('offers the four outcome buttons by name', async () => {
      const invoice = await createInvoice(sandbox);

      const {html} = await open(invoice.paymentUrl);

      for (const [value, name] of [
        ['approve', 'Pagar'],
        ['pending', 'Dejar pendiente'],
        ['decline', 'Rechazar pago'],
        ['abandon', 'Volver al comercio'],
      ]) {
        assert.match(html, new RegExp(`name="outcome" value="${value}"[^>]*>${name}</button>`));
      }
    });

    it('runs under a strict CSP: no script, no inline style, forms only to itself and the merchant', async () => {
      const invoice = await createInvoice(sandbox);

      const {response, html} = await open(invoice.paymentUrl);

      const csp = response.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.match(csp, /form-action 'self' https:\/\/merchant\.example\.com(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.doesNotMatch(html, /<script|style=|<style/i);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    });

    it('serves its stylesheet with visible focus and large targets', async () => {
      const response = await sandbox.app.request('/pay.css');
      const css = await response.text();

      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^text\/css/);
      assert.match(css, /:focus-visible/);
      assert.match(css, /min-height: 2\.75rem/);
    });
  });

  describe('when the merchant has a display name', () => {
    it('shows it (escaped) while the paymentUrl keeps the merchant id', async () => {
      const named = newSandbox({merchant: 'acme_1', merchantName: 'Inmobiliaria <Acme> & Cía'});
      const invoice = await createInvoice(named);

      const response = await named.app.request(new URL(invoice.paymentUrl).pathname);
      const html = await response.text();

      assert.match(invoice.paymentUrl, /\/pay\/acme_1\//);
      assert.match(html, /Pago a Inmobiliaria &lt;Acme&gt; &amp; Cía/);
      await named.close();
    });
  });

  describe('when invoice fields carry markup', () => {
    it('prints them as text, never as HTML', async () => {
      const invoice = await createInvoice(sandbox, {
        description: '<script>alert(1)</script>',
        customerName: '"><img src=x onerror=alert(2)>',
        reference: "R'<b>",
      });

      const {html} = await open(invoice.paymentUrl);

      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, /<img src=x/);
      assert.doesNotMatch(html, /<b>/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(html, /&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
      assert.match(html, /R&#39;&lt;b&gt;/);
    });
  });

  describe('when the shopper approves', () => {
    for (const method of ['pse', 'nequiButton', 'bancolombiaButton', 'breb', 'card']) {
      it(`with ${method}, the invoice is paid through the link and the shopper goes back unchanged`, async () => {
        const invoice = await createInvoice(sandbox, {
          redirectUrl: 'https://merchant.example.com/return?ref=INV-1&x=%20y#top',
        });
        sandbox.clock.advance(90_000);

        const response = await submitPayPage(sandbox, invoice.paymentUrl, {
          method,
          outcome: 'approve',
        });

        assert.equal(response.status, 303);
        assert.equal(
          response.headers.get('location'),
          'https://merchant.example.com/return?ref=INV-1&x=%20y#top',
        );
        const paid = await api(invoice.id);
        assert.equal(paid.status, 'paid');
        assert.equal(paid.paymentDate, '2026-03-11T16:33:44.007Z');
        assert.equal(paid.paymentMethod, method);
        assert.equal(paid.paymentSource, 'link');
        assert.equal(paid.paymentAmount, 1850000);
        assert.equal(paid.settlementDate, '2026-03-11');
        assert.equal(paid.settlementTime, '13:00');
        assert.match(paid.paymentId, /^payin_[0-9A-Za-z]{6}$/);
      });
    }

    it('without choosing a method, the page asks for one and nothing is paid', async () => {
      const invoice = await createInvoice(sandbox);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {outcome: 'approve'});

      assert.equal(response.status, 422);
      assert.match(await response.text(), /role="alert"[^>]*>Elige un medio de pago/);
      assert.equal((await api(invoice.id)).status, 'ready');
    });

    it('with an outcome the page does not offer (even an inherited name), nothing changes', async () => {
      const invoice = await createInvoice(sandbox);

      const unknown = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'pse',
        outcome: 'toString',
      });

      assert.equal(unknown.status, 422);
      assert.match(await unknown.text(), /Elige una acción/);
      assert.deepEqual(await api(invoice.id), invoice);
    });

    it('with a huge form body, answers 413 and nothing changes', async () => {
      const invoice = await createInvoice(sandbox);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'pse',
        outcome: 'approve',
        padding: 'x'.repeat(20_000),
      });

      assert.equal(response.status, 413);
      assert.equal((await api(invoice.id)).status, 'ready');
    });

    it('with a method the page does not offer, nothing is paid', async () => {
      const invoice = await createInvoice(sandbox);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'bitcoin',
        outcome: 'approve',
      });

      assert.equal(response.status, 422);
      assert.equal((await api(invoice.id)).status, 'ready');
    });

    it('a second time (Back button), the page says it is already paid and keeps the first payment', async () => {
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'pse', outcome: 'approve'});
      const first = await api(invoice.id);

      const again = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'card',
        outcome: 'approve',
      });
      const {html} = await open(invoice.paymentUrl);

      assert.equal(again.status, 200);
      assert.match(await again.text(), /Este pago ya fue realizado/);
      assert.match(html, /Este pago ya fue realizado/);
      assert.deepEqual(await api(invoice.id), first);
    });
  });

  describe('when the shopper declines', () => {
    it('by default the invoice stays ready (payable again) and the shopper goes back', async () => {
      const invoice = await createInvoice(sandbox);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'pse',
        outcome: 'decline',
      });

      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), exampleInvoice.redirectUrl);
      const after = await api(invoice.id);
      assert.equal(after.status, 'ready');
      assert.equal('paymentId' in after, false);
      assert.equal((await open(invoice.paymentUrl)).response.status, 200);
    });

    it('with declineStatus cancelled the invoice is cancelled and the link is gone', async () => {
      sandbox.invoices.options.declineStatus = 'cancelled';
      const invoice = await createInvoice(sandbox);

      await submitPayPage(sandbox, invoice.paymentUrl, {outcome: 'decline'});

      assert.equal((await api(invoice.id)).status, 'cancelled');
      const {response, html} = await open(invoice.paymentUrl);
      assert.equal(response.status, 410);
      assert.match(html, /Este pago fue cancelado/);
    });
  });

  describe('when the shopper abandons', () => {
    it('goes back to the merchant and nothing changes', async () => {
      const invoice = await createInvoice(sandbox);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {outcome: 'abandon'});

      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), exampleInvoice.redirectUrl);
      assert.deepEqual(await api(invoice.id), invoice);
    });
  });

  describe('when the link has expired', () => {
    it('shows an expired page with 410 and cannot be paid', async () => {
      const invoice = await createInvoice(sandbox);
      sandbox.clock.advance(5 * 60 * 1000);

      const {response, html} = await open(invoice.paymentUrl);
      const attempt = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'pse',
        outcome: 'approve',
      });

      assert.equal(response.status, 410);
      assert.match(html, /El enlace de pago expiró/);
      assert.doesNotMatch(html, /<form/);
      assert.equal(attempt.status, 410);
      assert.equal((await api(invoice.id)).status, 'ready');
    });

    it('is still payable one millisecond before expiry', async () => {
      const invoice = await createInvoice(sandbox);
      sandbox.clock.advance(5 * 60 * 1000 - 1);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'pse',
        outcome: 'approve',
      });

      assert.equal(response.status, 303);
      assert.equal((await api(invoice.id)).status, 'paid');
    });
  });

  describe('when the shopper leaves the payment pending', () => {
    it('freezes expiry, shows "in progress", and completes by itself after the configured delay', async () => {
      const invoice = await createInvoice(sandbox);
      sandbox.clock.advance(4 * 60 * 1000);

      const response = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'pse',
        outcome: 'pending',
      });
      sandbox.clock.advance(29_000);
      const during = await api(invoice.id);
      const {response: pageDuring, html} = await open(invoice.paymentUrl);
      sandbox.clock.advance(1_000);
      const done = await api(invoice.id);

      assert.equal(response.status, 303);
      assert.equal(during.status, 'ready');
      assert.equal(pageDuring.status, 200);
      assert.match(html, /Tu pago está en proceso/);
      assert.equal(done.status, 'paid');
      assert.equal(done.paymentMethod, 'pse');
      assert.equal(done.paymentDate, '2026-03-11T16:36:44.007Z');
    });

    it('waits for a test control when pendingDelayMs is null, then completes as told', async () => {
      sandbox.invoices.options.pendingDelayMs = null;
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'card', outcome: 'pending'});
      sandbox.clock.advance(60 * 60 * 1000);
      const waiting = await api(invoice.id);

      sandbox.invoices.complete(invoice.id, 'declined');
      const {response} = await open(invoice.paymentUrl);

      assert.equal(waiting.status, 'ready');
      assert.equal((await api(invoice.id)).status, 'ready');
      assert.equal(response.status, 410, 'the link expired while the bank was deciding');
    });

    it('cannot be paid a second time while in progress', async () => {
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'pse', outcome: 'pending'});

      const again = await submitPayPage(sandbox, invoice.paymentUrl, {
        method: 'card',
        outcome: 'approve',
      });

      assert.equal(again.status, 200);
      assert.match(await again.text(), /Tu pago está en proceso/);
      assert.equal((await api(invoice.id)).status, 'ready');
    });
  });

  describe('when the address is wrong', () => {
    it('answers a 404 page for an unknown id', async () => {
      const {response, html} = await open(
        'http://x/pay/sandbox_merchant/01HQY8EW1H9YGH5PAV5Y2M9R3T',
      );

      assert.equal(response.status, 404);
      assert.match(html, /No encontramos este pago/);
    });

    it('answers a 404 page for another merchant', async () => {
      const invoice = await createInvoice(sandbox);

      const {response} = await open(invoice.paymentUrl.replace('sandbox_merchant', 'other'));

      assert.equal(response.status, 404);
    });

    it('answers a 404 page for a POST to an unknown id', async () => {
      const response = await submitPayPage(
        sandbox,
        'http://x/pay/sandbox_merchant/01HQY8EW1H9YGH5PAV5Y2M9R3T',
        {
          outcome: 'approve',
        },
      );

      assert.equal(response.status, 404);
    });
  });
});

/** The rules of `POST /checkout`, through `app.request()` on an in-memory sandbox and a clock the tests move. */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createProxy} from '../../proxy/app.js';
import {signCheckout} from '../../proxy/signing.js';
import {CheckoutResponse, ErrorBody} from '../../widget/contract.js';
import {
  CATALOG,
  SECRET_KEY,
  SIGNING_SECRET,
  T0,
  checkoutBody,
  config,
  postJson,
  proxyOnSandbox,
  scriptedUpstream,
} from './support.js';

type App = ReturnType<typeof proxyOnSandbox>['app'];

async function checkout(app: App, body: unknown, headers: Record<string, string> = {}) {
  const response = await app.request('/checkout', postJson(body, headers));
  const json: unknown = await response.json();
  return {status: response.status, headers: response.headers, json};
}

async function created(app: App, body: unknown, headers: Record<string, string> = {}) {
  const answer = await checkout(app, body, headers);
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return CheckoutResponse.parse(answer.json);
}

function errorOf(json: unknown) {
  return ErrorBody.parse(json).error;
}

const signedEnv = {PALOMMA_SIGNING_SECRET: SIGNING_SECRET};
const rent = {
  amount: 1_850_000,
  description: 'Canon de arrendamiento marzo 2026',
  reference: 'INV-2026-0001',
  expires: Math.floor(T0 / 1000) + 24 * 3600,
};

async function signedBody(fields: typeof rent & {contract?: string} = rent, extra: object = {}) {
  return checkoutBody({...fields, signature: await signCheckout(fields, SIGNING_SECRET), ...extra});
}

describe('POST /checkout', () => {
  describe('amount policy', () => {
    it('refuses an open amount with a live key unless the merchant enabled it, without calling Palomma', async () => {
      const upstream = scriptedUpstream(() => new Response(null, {status: 500}));
      const app = createProxy(config({PALOMMA_API_KEY: SECRET_KEY}), {
        fetch: upstream.fetch,
        log: () => {},
      });

      const answer = await checkout(app, checkoutBody());

      assert.equal(answer.status, 403);
      assert.equal(errorOf(answer.json).code, 'amount_not_allowed');
      assert.equal(upstream.calls.length, 0);
    });

    it('treats an unsigned fixed amount as an open amount and range-checks it', async () => {
      const {app} = proxyOnSandbox({PALOMMA_MAX_AMOUNT: '1000000'});

      const answer = await checkout(app, checkoutBody({amount: 1_850_000}));

      assert.equal(answer.status, 403);
      assert.deepEqual(errorOf(answer.json).fields, {amount: 'too_large'});
    });

    it('asks for an amount when there is no amount, item or signature', async () => {
      const {app} = proxyOnSandbox();

      const answer = await checkout(app, checkoutBody({amount: undefined}));

      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer.json), {
        code: 'invalid_request',
        message: 'Send an amount, a catalog item or a signed checkout.',
        fields: {amount: 'required'},
      });
    });

    describe('catalog', () => {
      it('charges the item from the proxy configuration, whatever the page describes', async () => {
        const {app, upstream} = proxyOnSandbox({PALOMMA_CATALOG: JSON.stringify(CATALOG)});

        await created(
          app,
          checkoutBody({amount: undefined, item: 'admin-fee', description: 'Gratis'}),
        );

        const [record] = upstream.sandbox.list();
        assert.equal(record?.amount, 250_000);
        assert.equal(record?.description, 'Cuota de administración');
      });

      it('refuses a page amount that differs from the item price', async () => {
        const {app, upstream} = proxyOnSandbox({PALOMMA_CATALOG: JSON.stringify(CATALOG)});

        const answer = await checkout(app, checkoutBody({amount: 3000, item: 'admin-fee'}));

        assert.equal(answer.status, 403);
        assert.deepEqual(errorOf(answer.json).fields, {amount: 'mismatch'});
        assert.equal(upstream.creates(), 0);
      });
    });

    describe('signed', () => {
      it('refuses signatures when no signing secret is configured', async () => {
        const {app} = proxyOnSandbox();

        const answer = await checkout(app, await signedBody());

        assert.equal(answer.status, 403);
        assert.equal(errorOf(answer.json).code, 'bad_signature');
      });

      it('creates the invoice with the signed amount, description, reference and contract', async () => {
        const {app, upstream} = proxyOnSandbox(signedEnv);

        const invoice = await created(app, await signedBody({...rent, contract: 'C-12'}));

        const [record] = upstream.sandbox.list();
        assert.equal(invoice.reference, 'INV-2026-0001');
        assert.deepEqual(
          [record?.amount, record?.description, record?.reference, record?.contract],
          [1_850_000, 'Canon de arrendamiento marzo 2026', 'INV-2026-0001', 'C-12'],
        );
      });

      for (const [field, value] of [
        ['amount', 18_500],
        ['description', 'Canon abril'],
        ['reference', 'INV-2026-0002'],
        ['contract', 'C-99'],
        ['expires', rent.expires + 3600],
      ] as const) {
        it(`refuses the checkout when ${field} was changed after signing`, async () => {
          const {app, upstream} = proxyOnSandbox(signedEnv);

          const answer = await checkout(app, {...(await signedBody()), [field]: value});

          assert.equal(answer.status, 403);
          assert.equal(errorOf(answer.json).code, 'bad_signature');
          assert.equal(upstream.creates(), 0);
        });
      }

      it('refuses a signature past its expiry, but only once it is past', async () => {
        const {app, clock} = proxyOnSandbox(signedEnv);
        const fields = {...rent, expires: Math.floor(T0 / 1000) + 60};
        const body = await signedBody(fields);

        clock.advance(59_999);
        const before = await checkout(app, body);
        clock.advance(1);
        const afterwards = await checkout(app, body);

        assert.equal(before.status, 201);
        assert.equal(afterwards.status, 403);
        assert.equal(errorOf(afterwards.json).code, 'signature_expired');
      });

      it('lists what a signed checkout is missing', async () => {
        const {app} = proxyOnSandbox(signedEnv);

        const answer = await checkout(
          app,
          checkoutBody({description: undefined, signature: 'ab'.repeat(32), item: 'admin-fee'}),
        );

        assert.equal(answer.status, 400);
        assert.deepEqual(errorOf(answer.json).fields, {
          description: 'required',
          reference: 'required',
          expires: 'required',
          item: 'not_with_signature',
        });
      });

      it('answers a replayed signed checkout with the same invoice while its link lives', async () => {
        const {app, upstream, clock} = proxyOnSandbox(signedEnv);
        const body = await signedBody();

        const first = await created(app, body);
        clock.advance(60_000);
        const replay = await created(app, checkoutBody({...body, documentNumber: '99887766'}));

        assert.equal(replay.id, first.id);
        assert.equal(upstream.creates(), 1);
      });

      it('refuses a replayed signed checkout once it was paid', async () => {
        const {app, upstream, clock} = proxyOnSandbox(signedEnv);
        const body = await signedBody();
        const first = await created(app, body);
        upstream.sandbox.invoices.pay(first.id, 'pse');
        clock.advance(10 * 60_000);

        const replay = await checkout(app, body);

        assert.equal(replay.status, 403);
        assert.equal(errorOf(replay.json).code, 'signature_expired');
        assert.equal(upstream.creates(), 1);
      });

      it('makes a new link for the same reference once the first expired unpaid', async () => {
        const {app, upstream, clock} = proxyOnSandbox(signedEnv);
        const body = await signedBody();
        const first = await created(app, body);
        clock.advance(6 * 60_000);

        const second = await created(app, body);

        assert.notEqual(second.id, first.id);
        assert.equal(second.reference, first.reference);
        assert.equal(upstream.creates(), 2);
      });

      it('finds the invoice another instance made for the same signed checkout instead of creating one', async () => {
        const {app, upstream} = proxyOnSandbox(signedEnv);
        const otherInstance = createProxy(
          config({...signedEnv, PALOMMA_API_URL: 'http://sandbox.test/v1'}),
          {
            fetch: upstream.fetch,
            now: () => upstream.sandbox.clock.now(),
            log: () => {},
          },
        );
        const body = await signedBody();

        const first = await created(app, body);
        const second = await created(otherInstance, body);

        assert.equal(second.id, first.id);
        assert.equal(upstream.creates(), 1);
      });
    });
  });

  describe('what reaches Palomma', () => {
    it('sends the NIT without dots or check digit, the type, the name and the return URL with the reference', async () => {
      const {app, upstream} = proxyOnSandbox();

      const invoice = await created(
        app,
        checkoutBody({
          documentType: 'nit',
          documentNumber: '900.123.456-8',
          customerName: ' Inmobiliaria SAS ',
        }),
      );

      const [record] = upstream.sandbox.list();
      assert.equal(record?.customerDocumentNumber, '900123456');
      assert.equal(record?.documentType, 'nit');
      assert.equal(record?.customerName, 'Inmobiliaria SAS');
      assert.equal(
        record?.redirectUrl,
        `https://shop.example/return?reference=${invoice.reference}`,
      );
    });

    it('resolves a path-only return URL against PALOMMA_PUBLIC_URL', async () => {
      const {app, upstream} = proxyOnSandbox({
        PALOMMA_RETURN_URL: '/pago/retorno?lang=es',
        PALOMMA_PUBLIC_URL: 'https://tienda.example',
      });

      const invoice = await created(app, checkoutBody());

      assert.equal(
        upstream.sandbox.list()[0]?.redirectUrl,
        `https://tienda.example/pago/retorno?lang=es&reference=${invoice.reference}`,
      );
    });

    it('resolves a path-only return URL against the request origin when no public URL is set', async () => {
      const {app, upstream} = proxyOnSandbox({PALOMMA_RETURN_URL: '/return.html'});

      const response = await app.request(
        'https://proxy.example/checkout',
        postJson(checkoutBody()),
      );

      assert.equal(response.status, 201);
      assert.match(
        upstream.sandbox.list()[0]?.redirectUrl ?? '',
        /^https:\/\/proxy\.example\/return\.html\?reference=pp-/,
      );
    });

    it('ignores unknown fields, including a redirectUrl the page tries to choose', async () => {
      const {app, upstream} = proxyOnSandbox();

      await created(
        app,
        checkoutBody({redirectUrl: 'https://evil.example', paymentUrl: 'https://evil.example'}),
      );

      assert.match(
        upstream.sandbox.list()[0]?.redirectUrl ?? '',
        /^https:\/\/shop\.example\/return\?/,
      );
    });
  });

  describe('idempotency', () => {
    it('makes one invoice for a double submit, one after the other', async () => {
      const {app, upstream} = proxyOnSandbox();

      const first = await created(app, checkoutBody());
      const second = await created(app, checkoutBody());

      assert.equal(second.id, first.id);
      assert.equal(upstream.creates(), 1);
    });

    it('makes one invoice for submits that arrive together', async () => {
      const {app, upstream} = proxyOnSandbox();

      const invoices = await Promise.all([1, 2, 3, 4].map(() => created(app, checkoutBody())));

      assert.equal(new Set(invoices.map((invoice) => invoice.id)).size, 1);
      assert.equal(upstream.creates(), 1);
    });

    it('makes separate invoices for different shoppers', async () => {
      const {app, upstream} = proxyOnSandbox();

      await created(app, checkoutBody());
      await created(app, checkoutBody({documentNumber: '52123456'}));

      assert.equal(upstream.creates(), 2);
    });

    it('keeps checkouts with different Idempotency-Key headers apart', async () => {
      const {app, upstream} = proxyOnSandbox();

      const first = await created(app, checkoutBody(), {'idempotency-key': 'page-load-0001'});
      const again = await created(app, checkoutBody(), {'idempotency-key': 'page-load-0001'});
      const other = await created(app, checkoutBody(), {'idempotency-key': 'page-load-0002'});

      assert.equal(again.id, first.id);
      assert.notEqual(other.id, first.id);
      assert.equal(upstream.creates(), 2);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const {app} = proxyOnSandbox();

      const answer = await checkout(app, checkoutBody(), {'idempotency-key': 'x'});

      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer.json).fields, {idempotencyKey: 'format'});
    });

    it('makes a new invoice once the first link has less than 30 seconds left', async () => {
      const {app, upstream, clock} = proxyOnSandbox();

      const first = await created(app, checkoutBody());
      clock.advance(4 * 60_000 + 29_000);
      const stillSame = await created(app, checkoutBody());
      clock.advance(2_000);
      const fresh = await created(app, checkoutBody());

      assert.equal(stillSame.id, first.id);
      assert.notEqual(fresh.id, first.id);
      assert.equal(upstream.creates(), 2);
    });
  });

  describe('request body', () => {
    it('accepts application/json with a charset', async () => {
      const {app} = proxyOnSandbox();

      const response = await app.request('/checkout', {
        method: 'POST',
        headers: {'content-type': 'application/json; charset=utf-8'},
        body: JSON.stringify(checkoutBody()),
      });

      assert.equal(response.status, 201);
    });

    it('refuses a request without Content-Type with 415', async () => {
      const {app} = proxyOnSandbox();

      const response = await app.request('/checkout', {
        method: 'POST',
        body: JSON.stringify(checkoutBody()),
      });

      assert.equal(response.status, 415);
    });

    it('stops reading a streamed body at the limit, announced length or not', async () => {
      const {app} = proxyOnSandbox({PALOMMA_MAX_BODY_BYTES: '1024'});
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode(' '.repeat(512)));
          if (pulled > 100) controller.close();
        },
      });

      const response = await app.request('/checkout', {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body,
        duplex: 'half',
      } as RequestInit);

      assert.equal(response.status, 413);
      assert.ok(pulled < 10, `read ${pulled} chunks`);
    });

    it('refuses JSON that is not an object with 400 invalid_request', async () => {
      const {app} = proxyOnSandbox();

      const answer = await checkout(app, [checkoutBody()]);

      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer.json).code, 'invalid_request');
    });

    it('names every wrong field', async () => {
      const {app} = proxyOnSandbox();

      const answer = await checkout(app, {amount: -5, documentType: 'xx', documentNumber: '1'});

      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer.json).fields, {amount: 'invalid', documentType: 'invalid'});
    });
  });
});

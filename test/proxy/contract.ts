/**
 * The proxy's HTTP contract (design.md), written once and run against every way the proxy is served:
 * `app.request`, a real Node server on loopback, and the Workers build in workerd. Each target serves the proxy with
 * {@link CONTRACT_ENV} in sandbox mode, in front of the local sandbox.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CheckoutResponse, ErrorBody, PublicConfig, StatusResponse} from '../../widget/contract.js';
import {signCheckout} from '../../proxy/signing.js';
import {CATALOG, SIGNING_SECRET, checkoutBody, postJson} from './support.js';

/** Sends one request to the proxy; `path` is relative to the proxy's base path (`/checkout`). */
export type ProxyRequest = (path: string, init?: RequestInit) => Promise<Response>;

/** A proxy being served, and how to stop it. */
export interface ContractTarget {
  request: ProxyRequest;
  close(): Promise<void>;
}

/** The settings every target runs with (plus its own `PALOMMA_API_URL` when it brings its own sandbox). */
export const CONTRACT_ENV: Record<string, string> = {
  PALOMMA_SIGNING_SECRET: SIGNING_SECRET,
  PALOMMA_CATALOG: JSON.stringify(CATALOG),
  PALOMMA_MIN_AMOUNT: '5000',
  PALOMMA_MAX_AMOUNT: '5000000',
  PALOMMA_ALLOWED_ORIGINS: 'https://shop.example',
  PALOMMA_RETURN_URL: 'https://shop.example/return',
  PALOMMA_RATE_LIMIT_IP: '10000',
  PALOMMA_RATE_LIMIT_REFERENCE: '10000',
  PALOMMA_LOG: 'off',
};

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  return ErrorBody.parse(await response.json()).error;
}

let unique = 0;
/** A document number no other test uses, so idempotency never joins two tests' checkouts. */
function freshDocument(): string {
  unique += 1;
  return String(1_000_000_000 + (((Date.now() % 1_000_000) * 100 + unique) % 999_999_999));
}

/** Registers the contract suite for one target. */
export function contractSuite(name: string, start: () => Promise<ContractTarget>): void {
  describe(`proxy contract (${name})`, () => {
    let target: ContractTarget;
    const request: ProxyRequest = (path, init) => target.request(path, init);
    const paymentOrigins: string[] = [];

    before(async () => {
      target = await start();
    });
    after(async () => {
      await target?.close();
    });

    describe('GET /health', () => {
      it('answers ok and the mode', async () => {
        const response = await request('/health');

        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), {ok: true, mode: 'sandbox'});
      });
    });

    describe('GET /config', () => {
      it('publishes the mode, payment origins, amount range and catalog', async () => {
        const response = await request('/config');

        assert.equal(response.status, 200);
        const config = PublicConfig.parse(await response.json());
        assert.equal(config.mode, 'sandbox');
        assert.deepEqual(config.amount, {open: true, min: 5000, max: 5_000_000});
        assert.deepEqual(config.items, CATALOG);
        assert.ok(config.paymentOrigins.includes('https://pagos.palomma.com'));
        paymentOrigins.push(...config.paymentOrigins);
      });
    });

    describe('POST /checkout', () => {
      it('creates an invoice for an open amount and answers 201 with a link on an allowed origin', async () => {
        const response = await request(
          '/checkout',
          postJson(checkoutBody({documentNumber: freshDocument()})),
        );

        assert.equal(response.status, 201);
        const invoice = CheckoutResponse.parse(await response.json());
        assert.equal(invoice.amount, 50_000);
        assert.equal(invoice.status, 'ready');
        assert.match(invoice.reference, /^pp-[0-9A-HJKMNP-TV-Z]{26}$/);
        assert.ok(paymentOrigins.includes(new URL(invoice.paymentUrl).origin), invoice.paymentUrl);
        const lifetime = Date.parse(invoice.expirationDate) - Date.now();
        assert.ok(lifetime > 4 * 60_000 && lifetime <= 5 * 60_000, `link lives ${lifetime} ms`);
      });

      it('answers a repeated checkout with the same invoice', async () => {
        const body = checkoutBody({documentNumber: freshDocument()});

        const first = CheckoutResponse.parse(
          await (await request('/checkout', postJson(body))).json(),
        );
        const second = CheckoutResponse.parse(
          await (await request('/checkout', postJson(body))).json(),
        );

        assert.equal(second.id, first.id);
        assert.equal(second.paymentUrl, first.paymentUrl);
      });

      it('answers concurrent double submits with one invoice', async () => {
        const body = checkoutBody({documentNumber: freshDocument()});

        const answers = await Promise.all(
          [1, 2, 3].map(() => request('/checkout', postJson(body))),
        );

        const ids = await Promise.all(
          answers.map(async (r) => CheckoutResponse.parse(await r.json()).id),
        );
        assert.equal(new Set(ids).size, 1);
      });

      it('uses an unsigned page reference only as the start of a generated one', async () => {
        const response = await request(
          '/checkout',
          postJson(checkoutBody({reference: 'INV-2026-0001', documentNumber: freshDocument()})),
        );

        const invoice = CheckoutResponse.parse(await response.json());
        assert.match(invoice.reference, /^INV-2026-0001-[0-9A-Z]{26}$/);
      });

      it('charges a catalog item its configured amount and description', async () => {
        const response = await request(
          '/checkout',
          postJson(
            checkoutBody({amount: undefined, item: 'admin-fee', documentNumber: freshDocument()}),
          ),
        );

        assert.equal(response.status, 201);
        assert.equal(CheckoutResponse.parse(await response.json()).amount, 250_000);
      });

      it('refuses an unknown catalog item with 404 unknown_item', async () => {
        const response = await request(
          '/checkout',
          postJson(checkoutBody({amount: undefined, item: 'yacht'})),
        );

        assert.equal(response.status, 404);
        assert.equal((await errorOf(response)).code, 'unknown_item');
      });

      it('refuses an amount outside the configured range with 403 amount_not_allowed', async () => {
        const response = await request('/checkout', postJson(checkoutBody({amount: 4999})));

        assert.equal(response.status, 403);
        const error = await errorOf(response);
        assert.equal(error.code, 'amount_not_allowed');
        assert.deepEqual(error.fields, {amount: 'too_small'});
      });

      it('accepts a signed checkout and keeps its reference', async () => {
        const reference = `RENT-${Date.now()}-${freshDocument()}`;
        const fields = {
          amount: 1_850_000,
          description: 'Canon marzo',
          reference,
          expires: Math.floor(Date.now() / 1000) + 600,
        };
        const signature = await signCheckout(fields, SIGNING_SECRET);

        const response = await request('/checkout', postJson(checkoutBody({...fields, signature})));

        assert.equal(response.status, 201);
        const invoice = CheckoutResponse.parse(await response.json());
        assert.equal(invoice.reference, reference);
        assert.equal(invoice.amount, 1_850_000);
      });

      it('refuses a signed checkout whose amount was changed with 403 bad_signature', async () => {
        const fields = {
          amount: 1_850_000,
          description: 'Canon marzo',
          reference: 'RENT-TAMPER',
          expires: Math.floor(Date.now() / 1000) + 600,
        };
        const signature = await signCheckout(fields, SIGNING_SECRET);

        const response = await request(
          '/checkout',
          postJson(checkoutBody({...fields, amount: 18_500, signature})),
        );

        assert.equal(response.status, 403);
        assert.equal((await errorOf(response)).code, 'bad_signature');
      });

      it('refuses an expired signed checkout with 403 signature_expired', async () => {
        const fields = {
          amount: 1_850_000,
          description: 'Canon marzo',
          reference: 'RENT-OLD',
          expires: Math.floor(Date.now() / 1000) - 1,
        };
        const signature = await signCheckout(fields, SIGNING_SECRET);

        const response = await request('/checkout', postJson(checkoutBody({...fields, signature})));

        assert.equal(response.status, 403);
        assert.equal((await errorOf(response)).code, 'signature_expired');
      });

      it('refuses an invalid document with 400 invalid_request naming the field', async () => {
        const response = await request(
          '/checkout',
          postJson(checkoutBody({documentType: 'nit', documentNumber: '900.123.456-0'})),
        );

        assert.equal(response.status, 400);
        const error = await errorOf(response);
        assert.equal(error.code, 'invalid_request');
        assert.deepEqual(error.fields, {documentNumber: 'check_digit'});
      });

      it('refuses malformed JSON with 400 invalid_json', async () => {
        const response = await request('/checkout', postJson('{"amount": 50000,'));

        assert.equal(response.status, 400);
        assert.equal((await errorOf(response)).code, 'invalid_json');
      });

      it('refuses a body that is not JSON with 415 unsupported_media_type', async () => {
        const response = await request('/checkout', {
          method: 'POST',
          headers: {'content-type': 'application/x-www-form-urlencoded'},
          body: 'amount=50000',
        });

        assert.equal(response.status, 415);
        assert.equal((await errorOf(response)).code, 'unsupported_media_type');
      });

      it('refuses a body over the limit with 413 body_too_large', async () => {
        const response = await request(
          '/checkout',
          postJson(checkoutBody({customerName: 'x'.repeat(20_000)})),
        );

        assert.equal(response.status, 413);
        assert.equal((await errorOf(response)).code, 'body_too_large');
      });
    });

    describe('GET /status/:reference', () => {
      it('tells the state of an invoice the proxy created, and nothing about the customer', async () => {
        const created = CheckoutResponse.parse(
          await (
            await request('/checkout', postJson(checkoutBody({documentNumber: freshDocument()})))
          ).json(),
        );

        const response = await request(`/status/${created.reference}`);

        assert.equal(response.status, 200);
        const body = await response.json();
        assert.deepEqual(StatusResponse.parse(body), {
          reference: created.reference,
          status: 'ready',
          amount: 50_000,
        });
        assert.deepEqual(Object.keys(body).sort(), ['amount', 'reference', 'status']);
      });

      it('answers 404 for a reference nobody created', async () => {
        const response = await request('/status/pp-NEVER-CREATED');

        assert.equal(response.status, 404);
        assert.equal((await errorOf(response)).code, 'invalid_request');
      });

      it('refuses a malformed reference with 400', async () => {
        const response = await request('/status/%3Cscript%3E');

        assert.equal(response.status, 400);
        assert.equal((await errorOf(response)).code, 'invalid_request');
      });
    });

    describe('HTTP hardening', () => {
      it('sends security headers and no-store on every answer', async () => {
        const response = await request('/health');

        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.equal(response.headers.get('x-frame-options'), 'DENY');
        assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      });

      it('answers a preflight from an allowed origin with CORS headers', async () => {
        const response = await request('/checkout', {
          method: 'OPTIONS',
          headers: {origin: 'https://shop.example', 'access-control-request-method': 'POST'},
        });

        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
        assert.match(response.headers.get('access-control-allow-headers') ?? '', /content-type/i);
      });

      it('refuses a checkout from a foreign origin with 403 origin_not_allowed', async () => {
        const response = await request(
          '/checkout',
          postJson(checkoutBody(), {origin: 'https://evil.example'}),
        );

        assert.equal(response.status, 403);
        assert.equal(response.headers.get('access-control-allow-origin'), null);
        assert.equal((await errorOf(response)).code, 'origin_not_allowed');
      });

      it('answers an unknown route with the error envelope', async () => {
        const response = await request('/invoices');

        assert.equal(response.status, 404);
        assert.equal((await errorOf(response)).code, 'invalid_request');
      });
    });
  });
}

/**
 * The proxy against the real sandbox on loopback, through the Node keep-alive transport, with the sandbox's fault
 * injection standing in for a bad day at Palomma. What counts is what the sandbox ends up holding: one invoice per
 * checkout, and no link the shopper must not follow.
 */
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {createProxy} from '../../proxy/app.js';
import {createKeepAliveFetch} from '../../proxy/node-fetch.js';
import {startSandboxServer, type SandboxServer} from '../../proxy/sandbox/server.js';
import {signCheckout} from '../../proxy/signing.js';
import {CheckoutResponse, ErrorBody} from '../../widget/contract.js';
import {SIGNING_SECRET, checkoutBody, config, postJson} from './support.js';

let server: SandboxServer;
const transport = createKeepAliveFetch();
let app: ReturnType<typeof createProxy>;

before(async () => {
  server = await startSandboxServer({port: 0});
});
after(async () => {
  transport.close();
  await server.close();
});
beforeEach(() => {
  server.sandbox.faults.clear();
  server.sandbox.faults.set({duplicateReference: 'allow'});
  app = createProxy(
    config({
      PALOMMA_API_URL: `${server.origin}/v1`,
      PALOMMA_TIMEOUT_MS: '300',
      PALOMMA_SIGNING_SECRET: SIGNING_SECRET,
    }),
    {fetch: transport.fetch, log: () => {}},
  );
});

let documents = 10_000_000;
/** A checkout body for a shopper no other test uses. */
function freshBody(): Record<string, unknown> {
  documents += 1;
  return checkoutBody({documentNumber: String(documents)});
}

async function checkout(body: unknown) {
  const response = await app.request('/checkout', postJson(body));
  return {status: response.status, json: (await response.json()) as unknown};
}

/** Invoices the sandbox holds for the document of `body`. */
function invoicesFor(body: Record<string, unknown>) {
  return server.sandbox
    .list()
    .filter((record) => record.customerDocumentNumber === body.documentNumber);
}

/** Queues a one-shot fault for the next create. */
function nextCreate(fault: string): void {
  server.sandbox.faults.next({fault, method: 'POST', path: '/invoices'});
}

describe('upstream faults (sandbox on loopback)', () => {
  it('waits out latency within the timeout', async () => {
    const body = freshBody();
    nextCreate('latency=100');

    const answer = await checkout(body);

    assert.equal(answer.status, 201);
  });

  it('answers 504 when the create hangs before landing, and leaves no invoice', async () => {
    const body = freshBody();
    nextCreate('hang');

    const answer = await checkout(body);

    assert.equal(answer.status, 504);
    assert.equal(ErrorBody.parse(answer.json).error.code, 'upstream_timeout');
    assert.equal(invoicesFor(body).length, 0);
  });

  it('hands out the invoice of a create that landed and then hung', async () => {
    const body = freshBody();
    nextCreate('hang-after');

    const answer = await checkout(body);

    assert.equal(answer.status, 201);
    assert.equal(invoicesFor(body).length, 1);
    assert.equal(CheckoutResponse.parse(answer.json).id, invoicesFor(body)[0]?.id);
  });

  it('creates again after a 503 that did not land: one invoice', async () => {
    const body = freshBody();
    nextCreate('error=503');

    const answer = await checkout(body);

    assert.equal(answer.status, 201);
    assert.equal(invoicesFor(body).length, 1);
  });

  it('does not create again after a 500 that landed: one invoice', async () => {
    const body = freshBody();
    nextCreate('error-after=500');

    const answer = await checkout(body);

    assert.equal(answer.status, 201);
    assert.equal(invoicesFor(body).length, 1);
  });

  it('treats an HTML 502 page from a gateway as an uncertain failure: one invoice', async () => {
    const body = freshBody();
    nextCreate('html');

    const answer = await checkout(body);

    assert.equal(answer.status, 201);
    assert.equal(invoicesFor(body).length, 1);
  });

  for (const fault of ['malformed', 'truncated', 'empty']) {
    it(`answers 502 to a ${fault} reply, and the shopper's retry gets the invoice that landed`, async () => {
      const body = freshBody();
      nextCreate(fault);

      const first = await checkout(body);
      const retry = await checkout(body);

      assert.equal(first.status, 502);
      assert.equal(ErrorBody.parse(first.json).error.code, 'upstream_error');
      assert.equal(retry.status, 201);
      assert.equal(invoicesFor(body).length, 1);
    });
  }

  for (const fault of ['foreign-host', 'javascript-url']) {
    it(`refuses a ${fault} paymentUrl with 502`, async () => {
      nextCreate(fault);

      const answer = await checkout(freshBody());

      assert.equal(answer.status, 502);
      assert.doesNotMatch(JSON.stringify(answer.json), /paymentUrl|javascript|http/);
    });
  }

  it('answers 502 when Palomma rejects the reference of a signed checkout as a duplicate', async () => {
    server.sandbox.faults.set({duplicateReference: 'reject-409'});
    const fields = {
      amount: 90_000,
      description: 'Canon',
      reference: `DUP-${documents}`,
      expires: 4_102_444_800,
    };
    const body = checkoutBody({...fields, signature: await signCheckout(fields, SIGNING_SECRET)});
    await fetch(`${server.origin}/v1/invoices`, {
      method: 'POST',
      headers: {authorization: 'Bearer k', 'content-type': 'application/json'},
      body: JSON.stringify({
        ...fields,
        amount: 80_000,
        redirectUrl: 'https://x.example',
        customerDocumentNumber: '1234567',
      }),
    });

    const answer = await checkout(body);

    assert.equal(answer.status, 502);
  });

  it('answers 502 on status when the lookup fails', async () => {
    server.sandbox.faults.next({fault: 'error=500', method: 'GET', path: '/invoices'});

    const response = await app.request('/status/pp-ANY');

    assert.equal(response.status, 502);
  });
});

/** Status, config and health, the Origin check, rate limits and logs, through `app.request()`. */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {CheckoutResponse, ErrorBody, StatusResponse} from '../../widget/contract.js';
import {signCheckout} from '../../proxy/signing.js';
import {SIGNING_SECRET, T0, checkoutBody, postJson, proxyOnSandbox} from './support.js';

type App = ReturnType<typeof proxyOnSandbox>['app'];

async function createdReference(app: App, body = checkoutBody()): Promise<CheckoutResponse> {
  const response = await app.request('/checkout', postJson(body));
  assert.equal(response.status, 201);
  return CheckoutResponse.parse(await response.json());
}

describe('GET /status/:reference', () => {
  it('reports a paid invoice with its method and date, and nothing about the customer', async () => {
    const {app, upstream} = proxyOnSandbox();
    const invoice = await createdReference(app, checkoutBody({customerName: 'Ana Pérez'}));
    upstream.sandbox.invoices.pay(invoice.id, 'nequiButton');

    const response = await app.request(`/status/${invoice.reference}`);

    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(body).sort(), [
      'amount',
      'paymentDate',
      'paymentMethod',
      'reference',
      'status',
    ]);
    assert.deepEqual(StatusResponse.parse(body), {
      reference: invoice.reference,
      status: 'paid',
      amount: 50_000,
      paymentMethod: 'nequiButton',
      paymentDate: body.paymentDate,
    });
  });

  it('answers from a 3-second cache, then asks Palomma again', async () => {
    const {app, upstream, clock} = proxyOnSandbox();
    const invoice = await createdReference(app);
    const lookups = () =>
      upstream.calls.filter((call) => call.startsWith('GET /v1/invoices?')).length;

    await app.request(`/status/${invoice.reference}`);
    upstream.sandbox.invoices.pay(invoice.id, 'pse');
    const cached = StatusResponse.parse(
      await (await app.request(`/status/${invoice.reference}`)).json(),
    );
    clock.advance(3_000);
    const fresh = StatusResponse.parse(
      await (await app.request(`/status/${invoice.reference}`)).json(),
    );

    assert.equal(cached.status, 'ready');
    assert.equal(fresh.status, 'paid');
    assert.equal(lookups(), 2);
  });

  it('prefers the paid invoice when several share a reference', async () => {
    const {app, upstream, clock} = proxyOnSandbox();
    const paid = await createdReference(app);
    upstream.sandbox.invoices.pay(paid.id, 'card');
    // Another invoice with the same reference, newer and unpaid (made outside this proxy).
    clock.advance(1_000);
    await upstream.fetch('http://sandbox.test/v1/invoices', {
      method: 'POST',
      headers: {authorization: 'Bearer k', 'content-type': 'application/json'},
      body: JSON.stringify({
        reference: paid.reference,
        amount: 9_000,
        description: 'otra',
        redirectUrl: 'https://shop.example/return',
        customerDocumentNumber: '123456',
      }),
    });

    const status = StatusResponse.parse(
      await (await app.request(`/status/${paid.reference}`)).json(),
    );

    assert.equal(status.status, 'paid');
    assert.equal(status.amount, 50_000);
  });
});

describe('GET /config and GET /health', () => {
  it('shows catalog items without their contracts', async () => {
    const {app} = proxyOnSandbox({
      PALOMMA_CATALOG: '[{"id":"fee","amount":50000,"description":"Cuota","contract":"C-1"}]',
    });

    const body = await (await app.request('/config')).json();

    assert.deepEqual(body.items, [{id: 'fee', amount: 50_000, description: 'Cuota'}]);
  });

  it('reports live mode once a key is set', async () => {
    const {app} = proxyOnSandbox({
      PALOMMA_API_KEY: 'sk_live_key_for_health',
      PALOMMA_API_URL: 'https://api.example/v1',
    });

    assert.deepEqual(await (await app.request('/health')).json(), {ok: true, mode: 'live'});
  });
});

describe('Origin check', () => {
  it('lets same-origin requests through without CORS headers', async () => {
    const {app} = proxyOnSandbox();

    const response = await app.request(
      'https://proxy.example/checkout',
      postJson(checkoutBody(), {origin: 'https://proxy.example'}),
    );

    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  it('treats PALOMMA_PUBLIC_URL as the same origin behind a reverse proxy', async () => {
    const {app} = proxyOnSandbox({PALOMMA_PUBLIC_URL: 'https://tienda.example'});

    const response = await app.request('http://10.0.0.5:8787/health', {
      headers: {origin: 'https://tienda.example'},
    });

    assert.equal(response.status, 200);
  });

  it('answers an allowed origin with its CORS header and Vary: Origin', async () => {
    const {app} = proxyOnSandbox({PALOMMA_ALLOWED_ORIGINS: 'https://shop.example'});

    const response = await app.request('/config', {headers: {origin: 'https://shop.example'}});

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('keeps the CORS and security headers on error answers, so the widget can read the code', async () => {
    const {app} = proxyOnSandbox({PALOMMA_ALLOWED_ORIGINS: 'https://shop.example'});

    const response = await app.request(
      '/checkout',
      postJson(checkoutBody({amount: 1}), {origin: 'https://shop.example'}),
    );

    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  for (const origin of ['https://evil.example', 'null', 'https://shop.example.evil.example']) {
    it(`refuses Origin ${origin} on every route, preflight included`, async () => {
      const {app} = proxyOnSandbox({PALOMMA_ALLOWED_ORIGINS: 'https://shop.example'});

      const get = await app.request('/status/pp-X', {headers: {origin}});
      const preflight = await app.request('/checkout', {method: 'OPTIONS', headers: {origin}});

      assert.equal(get.status, 403);
      assert.equal(ErrorBody.parse(await get.json()).error.code, 'origin_not_allowed');
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    });
  }
});

describe('rate limits', () => {
  it('refuses a client IP past its per-minute limit with 429 and Retry-After, and not the next IP', async () => {
    let ip = '203.0.113.7';
    const {app, clock} = proxyOnSandbox({PALOMMA_RATE_LIMIT_IP: '2'}, {clientIp: () => ip});

    await app.request('/status/pp-A');
    await app.request('/status/pp-B');
    clock.advance(15_000);
    const limited = await app.request('/status/pp-C');
    ip = '203.0.113.8';
    const otherClient = await app.request('/status/pp-C');

    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '45');
    assert.equal(ErrorBody.parse(await limited.json()).error.code, 'rate_limited');
    assert.equal(otherClient.status, 404);
  });

  it('counts the last X-Forwarded-For entry when told to trust that header', async () => {
    const {app} = proxyOnSandbox({
      PALOMMA_RATE_LIMIT_IP: '1',
      PALOMMA_CLIENT_IP_HEADER: 'x-forwarded-for',
    });

    await app.request('/health');
    const first = await app.request('/status/pp-A', {
      headers: {'x-forwarded-for': 'spoofed, 198.51.100.1'},
    });
    const second = await app.request('/status/pp-A', {
      headers: {'x-forwarded-for': 'other, 198.51.100.1'},
    });

    assert.equal(first.status, 404);
    assert.equal(second.status, 429);
  });

  it('limits one reference across clients', async () => {
    let ip = 1;
    const {app} = proxyOnSandbox(
      {PALOMMA_RATE_LIMIT_REFERENCE: '2'},
      {clientIp: () => `198.51.100.${ip++}`},
    );

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/status/pp-SAME')).status);

    assert.deepEqual(statuses, [404, 404, 429]);
  });

  it('limits replays of one signed checkout', async () => {
    const {app} = proxyOnSandbox({
      PALOMMA_RATE_LIMIT_REFERENCE: '2',
      PALOMMA_SIGNING_SECRET: SIGNING_SECRET,
    });
    const fields = {
      amount: 90_000,
      description: 'Canon',
      reference: 'RENT-7',
      expires: T0 / 1000 + 600,
    };
    const body = checkoutBody({...fields, signature: await signCheckout(fields, SIGNING_SECRET)});

    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await app.request('/checkout', postJson(body))).status);

    assert.deepEqual(statuses, [201, 201, 429]);
  });

  it('does not limit an unsigned page reference that many shoppers share', async () => {
    let ip = 1;
    const {app} = proxyOnSandbox(
      {PALOMMA_RATE_LIMIT_REFERENCE: '1'},
      {clientIp: () => `198.51.100.${ip++}`},
    );

    const statuses = [];
    for (const document of ['1111111', '2222222']) {
      const body = checkoutBody({reference: 'ALQUILER', documentNumber: document});
      statuses.push((await app.request('/checkout', postJson(body))).status);
    }

    assert.deepEqual(statuses, [201, 201]);
  });

  it('never limits health checks', async () => {
    const {app} = proxyOnSandbox({PALOMMA_RATE_LIMIT_IP: '1'}, {clientIp: () => '203.0.113.9'});

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/health')).status);

    assert.deepEqual(statuses, [200, 200, 200]);
  });
});

describe('logs', () => {
  it('writes one line per request with route, status, timing, reference and upstream figures', async () => {
    const {app, lines} = proxyOnSandbox();

    const invoice = await createdReference(app);

    assert.equal(lines.length, 1);
    assert.deepEqual(
      {...lines[0], time: undefined, durationMs: undefined, upstreamMs: undefined},
      {
        time: undefined,
        level: 'info',
        method: 'POST',
        route: 'POST /checkout',
        status: 201,
        durationMs: undefined,
        mode: 'sandbox',
        amountMode: 'open',
        reference: invoice.reference,
        idempotent: false,
        upstreamStatus: 200,
        upstreamMs: undefined,
      },
    );
    assert.equal(typeof lines[0]?.durationMs, 'number');
    assert.equal(typeof lines[0]?.upstreamMs, 'number');
  });

  it('logs refusals with their code and never the document number', async () => {
    const {app, lines} = proxyOnSandbox();

    await app.request(
      '/checkout',
      postJson(checkoutBody({amount: 1, documentNumber: '1020304050'})),
    );

    assert.equal(lines[0]?.code, 'amount_not_allowed');
    assert.equal(lines[0]?.status, 403);
    assert.doesNotMatch(JSON.stringify(lines), /1020304050|1\.020\.304\.050/);
  });
});

/**
 * How the proxy treats Palomma: the request it sends, the retry policy after uncertain failures, and replies it
 * must not trust. A scripted upstream decides each answer; the proxy runs live (with a key), as in production.
 */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createProxy} from '../../proxy/app.js';
import {ErrorBody} from '../../widget/contract.js';
import {
  FIXTURE_NOW,
  SECRET_KEY,
  checkoutBody,
  config,
  hang,
  invoice,
  json,
  postJson,
  scriptedUpstream,
} from './support.js';

const liveEnv = {
  PALOMMA_API_KEY: SECRET_KEY,
  PALOMMA_OPEN_AMOUNT: 'true',
  PALOMMA_TIMEOUT_MS: '100',
};

/** A live proxy in front of `handler`; POST bodies are parsed so replies can echo the reference. */
function liveProxy(handler: (request: Request, call: number) => Response | Promise<Response>) {
  let call = 0;
  const upstream = scriptedUpstream((request) => handler(request, call++));
  const lines: Record<string, unknown>[] = [];
  const app = createProxy(config(liveEnv), {
    fetch: upstream.fetch,
    now: () => FIXTURE_NOW,
    log: (line) => lines.push(line as Record<string, unknown>),
  });
  const checkout = async () => {
    const response = await app.request('/checkout', postJson(checkoutBody()));
    return {status: response.status, body: (await response.json()) as unknown};
  };
  return {app, upstream, lines, checkout};
}

/** The reference of the first POST the proxy sent. */
async function sentReference(requests: Request[]): Promise<string> {
  const post = requests.find((request) => request.method === 'POST')!;
  return (JSON.parse(await post.clone().text()) as {reference: string}).reference;
}

const methods = (requests: Request[]) =>
  requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);

describe('the request to Palomma', () => {
  it('is a POST /invoices with the Bearer key and exactly the documented fields', async () => {
    const {upstream, checkout} = liveProxy(() => json(invoice()));

    await checkout();

    const [request] = upstream.calls;
    assert.equal(request?.url, 'https://sandbox.api.palomma.com/v1/invoices');
    assert.equal(request?.headers.get('authorization'), `Bearer ${SECRET_KEY}`);
    assert.equal(request?.headers.get('content-type'), 'application/json');
    const body = JSON.parse(await request!.text());
    assert.deepEqual(Object.keys(body).sort(), [
      'amount',
      'customerDocumentNumber',
      'description',
      'documentType',
      'redirectUrl',
      'reference',
    ]);
    assert.equal(body.customerDocumentNumber, '1020304050');
  });
});

describe('after a create that timed out', () => {
  it('looks the reference up and hands out the invoice that landed, without creating again', async () => {
    const {upstream, checkout} = liveProxy(async (request) => {
      if (request.method === 'POST') return hang(request);
      return json({
        items: [invoice({reference: await sentReference(upstream.calls)})],
        count: 1,
        cursor: null,
      });
    });

    const answer = await checkout();

    assert.equal(answer.status, 201);
    assert.deepEqual(methods(upstream.calls), ['POST /v1/invoices', 'GET /v1/invoices']);
  });

  it('answers 504 upstream_timeout when nothing landed, and does not create blind', async () => {
    const {upstream, checkout} = liveProxy((request) =>
      request.method === 'POST' ? hang(request) : json({items: [], count: 0, cursor: null}),
    );

    const answer = await checkout();

    assert.equal(answer.status, 504);
    assert.equal(ErrorBody.parse(answer.body).error.code, 'upstream_timeout');
    assert.equal(upstream.creates(), 1);
  });

  it('reuses the same reference when the shopper tries again, so a late invoice is found', async () => {
    let landed = false;
    const {upstream, checkout} = liveProxy(async (request) => {
      if (request.method === 'POST') return hang(request);
      const reference = await sentReference(upstream.calls);
      return json({items: landed ? [invoice({reference})] : [], count: 0, cursor: null});
    });

    const first = await checkout();
    landed = true;
    const retry = await checkout();

    assert.equal(first.status, 504);
    assert.equal(retry.status, 201);
    assert.equal(upstream.creates(), 1);
  });
});

describe('after a create that failed with 5xx', () => {
  it('hands out the invoice if it landed anyway', async () => {
    const {upstream, checkout} = liveProxy(async (request) =>
      request.method === 'POST'
        ? new Response('<h1>oops</h1>', {status: 500})
        : json({
            items: [invoice({reference: await sentReference(upstream.calls)})],
            count: 1,
            cursor: null,
          }),
    );

    const answer = await checkout();

    assert.equal(answer.status, 201);
    assert.equal(upstream.creates(), 1);
  });

  it('creates once more when the lookup shows nothing, and only once', async () => {
    const {upstream, checkout} = liveProxy((request, call) => {
      if (request.method === 'GET') return json({items: [], count: 0, cursor: null});
      return call === 0 ? new Response(null, {status: 503}) : json(invoice());
    });

    const answer = await checkout();

    assert.equal(answer.status, 201);
    assert.deepEqual(methods(upstream.calls), [
      'POST /v1/invoices',
      'GET /v1/invoices',
      'POST /v1/invoices',
    ]);
  });

  it('answers 502 upstream_error when the second create fails too', async () => {
    const {upstream, checkout} = liveProxy((request) =>
      request.method === 'GET'
        ? json({items: [], count: 0, cursor: null})
        : new Response(null, {status: 502}),
    );

    const answer = await checkout();

    assert.equal(answer.status, 502);
    assert.equal(ErrorBody.parse(answer.body).error.code, 'upstream_error');
    assert.equal(upstream.creates(), 2);
  });

  it('keeps the original failure when the lookup fails as well', async () => {
    const {upstream, checkout} = liveProxy(() => new Response(null, {status: 500}));

    const answer = await checkout();

    assert.equal(answer.status, 502);
    assert.equal(upstream.creates(), 1);
  });
});

describe('after a connection error', () => {
  it('looks up, then creates once more', async () => {
    const {upstream, checkout} = liveProxy((request, call) => {
      if (call === 0) throw new TypeError('fetch failed');
      return request.method === 'GET' ? json({items: [], count: 0, cursor: null}) : json(invoice());
    });

    const answer = await checkout();

    assert.equal(answer.status, 201);
    assert.equal(upstream.creates(), 2);
  });
});

describe('replies the proxy refuses with 502 upstream_error', () => {
  const cases: [string, () => Response][] = [
    ['a body that is not JSON', () => new Response('{"id": "01H', {status: 200})],
    ['an HTML page', () => new Response('<html>Bad gateway</html>', {status: 200})],
    ['an empty body', () => new Response('', {status: 200})],
    ['JSON of the wrong shape', () => json({id: 1, status: 'weird'})],
    ['a 400 (for example a duplicate reference)', () => json({error: 'duplicate'}, 400)],
    [
      'a paymentUrl on a foreign host',
      () => json(invoice({paymentUrl: 'https://pagos-palomma.example/pay/1'})),
    ],
    [
      'a paymentUrl on a look-alike subdomain',
      () => json(invoice({paymentUrl: 'https://pagos.palomma.com.evil.example/pay/1'})),
    ],
    ['a paymentUrl over http', () => json(invoice({paymentUrl: 'http://pagos.palomma.com/pay/1'}))],
    [
      'a javascript: paymentUrl',
      () => json(invoice({paymentUrl: 'javascript:alert(document.cookie)'})),
    ],
    [
      'a paymentUrl with credentials',
      () => json(invoice({paymentUrl: 'https://a:b@pagos.palomma.com/pay/1'})),
    ],
  ];
  for (const [name, reply] of cases) {
    it(`refuses ${name}`, async () => {
      const {checkout} = liveProxy((request) =>
        request.method === 'POST' ? reply() : json({items: [], count: 0, cursor: null}),
      );

      const answer = await checkout();

      assert.equal(answer.status, 502);
      const error = ErrorBody.parse(answer.body).error;
      assert.equal(error.code, 'upstream_error');
      assert.doesNotMatch(
        JSON.stringify(answer.body),
        /evil|duplicate|Bad gateway|javascript|pagos-palomma/,
      );
    });
  }
});

describe('when the API URL answers with a redirect', () => {
  it('never follows it, because the Bearer key would go along (workerd keeps it across origins)', async () => {
    const {checkout, upstream} = liveProxy(
      () =>
        new Response(null, {status: 307, headers: {location: 'https://evil.example/v1/invoices'}}),
    );

    const answer = await checkout();

    assert.equal(answer.status, 502);
    assert.equal(ErrorBody.parse(answer.body).error.code, 'upstream_error');
    assert.ok(upstream.calls.length > 0);
    assert.deepEqual(
      upstream.calls.map((request) => request.redirect),
      upstream.calls.map(() => 'manual'),
    );
  });
});

describe('when Palomma answers with a payment link on a foreign host', () => {
  it('tells the operator which origin it refused, and the shopper nothing about it', async () => {
    const {checkout, lines} = liveProxy((request) =>
      request.method === 'POST'
        ? json(invoice({paymentUrl: 'https://pagos-palomma.example/pay/1'}))
        : json({items: [], count: 0, cursor: null}),
    );

    const answer = await checkout();

    assert.equal(answer.status, 502);
    assert.doesNotMatch(JSON.stringify(answer.body), /pagos-palomma/);
    assert.equal(lines[0]?.level, 'error');
    assert.match(
      String(lines[0]?.problem),
      /https:\/\/pagos-palomma\.example.*PALOMMA_PAYMENT_HOSTS/,
    );
  });
});

describe('when Palomma refuses the key (401)', () => {
  it('gives the shopper a generic 502 and tells the operator in the log', async () => {
    const {checkout, lines} = liveProxy(() => json({message: `invalid key ${SECRET_KEY}`}, 401));

    const answer = await checkout();

    assert.equal(answer.status, 502);
    assert.doesNotMatch(JSON.stringify(answer.body), /key|401/i);
    assert.equal(lines[0]?.level, 'error');
    assert.match(String(lines[0]?.problem), /PALOMMA_API_KEY/);
    assert.equal(lines[0]?.upstreamStatus, 401);
  });
});

describe('GET /status/:reference upstream failures', () => {
  it('answers 502 when Palomma fails, after one try', async () => {
    const {app, upstream} = liveProxy(() => new Response(null, {status: 500}));

    const response = await app.request('/status/INV-1');

    assert.equal(response.status, 502);
    assert.equal(upstream.calls.length, 1);
  });

  it('answers 504 when Palomma does not answer in time', async () => {
    const {app} = liveProxy((request) => hang(request));

    const response = await app.request('/status/INV-1');

    assert.equal(response.status, 504);
  });

  it('ignores invoices of other references that a lax filter returns', async () => {
    const {app} = liveProxy(() =>
      json({items: [invoice({reference: 'INV-OTHER', status: 'paid'})], count: 1, cursor: null}),
    );

    const response = await app.request('/status/INV-1');

    assert.equal(response.status, 404);
  });
});

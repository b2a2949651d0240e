import assert from 'node:assert/strict';
import {after, beforeEach, describe, it} from 'node:test';
import {SandboxError} from '../../proxy/sandbox/errors.js';
import {
  assertError,
  call,
  createInvoice,
  exampleInvoice,
  newSandbox,
  ORIGIN,
  type Answer,
} from './helpers.js';

const sandbox = newSandbox();
after(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.faults.set({duplicateReference: 'allow'});
});

const create = (headers: Record<string, string> = {}, body: object = exampleInvoice) =>
  call(sandbox, 'POST', '/v1/invoices', {body, headers});
const fault = (value: string) => ({'x-sandbox-fault': value});

describe('fault injection', () => {
  describe('when latency is asked for', () => {
    it('per request, the answer comes at least that late', async () => {
      const started = performance.now();

      const answer = await create(fault('latency=60'));

      assert.equal(answer.status, 200);
      assert.ok(performance.now() - started >= 55, 'answered too early');
    });

    it('as a standing setting, every API answer is late', async () => {
      sandbox.faults.set({latencyMs: 40});
      const started = performance.now();

      await call(sandbox, 'GET', '/v1/invoices');

      assert.ok(performance.now() - started >= 35, 'answered too early');
      sandbox.faults.set({latencyMs: 0});
    });
  });

  describe('when a 5xx is asked for before the request takes effect', () => {
    it('answers the status with the error envelope and creates nothing', async () => {
      const unavailable = await create(fault('error=503'));
      const internal = await create(fault('error'));

      assertError(unavailable, 503, 'service_unavailable');
      assertError(internal, 500, 'internal');
      assert.equal(sandbox.list().length, 0);
    });
  });

  describe('when a 5xx is asked for after the request takes effect', () => {
    it('answers the status but the invoice exists, findable by reference', async () => {
      const answer = await create(fault('error-after=502'));
      const lookup = await call(
        sandbox,
        'GET',
        `/v1/invoices?reference=${exampleInvoice.reference}`,
      );

      assertError(answer, 502, 'service_unavailable');
      assert.equal(lookup.json.count, 1);
    });
  });

  describe('when an error rate is set', () => {
    async function pattern(seed: number): Promise<number[]> {
      const seeded = newSandbox({faults: {errorRate: 0.5, errorStatus: 502, seed}});
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await call(seeded, 'GET', '/v1/invoices')).status);
      await seeded.close();
      return statuses;
    }

    it('fails about that share of requests, the same ones for the same seed', async () => {
      const first = await pattern(42);
      const again = await pattern(42);
      const other = await pattern(7);

      assert.deepEqual(first, again);
      assert.notDeepEqual(first, other);
      const failures = first.filter((status) => status === 502).length;
      assert.ok(failures > 8 && failures < 32, `${failures} of 40 failed`);
      assert.ok(first.every((status) => status === 200 || status === 502));
    });

    it('fails every request at 1 and none at 0', async () => {
      sandbox.faults.set({errorRate: 1});
      const all = await call(sandbox, 'GET', '/v1/invoices');
      sandbox.faults.set({errorRate: 0});
      const none = await call(sandbox, 'GET', '/v1/invoices');

      assertError(all, 500, 'internal');
      assert.equal(none.status, 200);
    });
  });

  describe('when faults are queued for the next requests', () => {
    it('applies to exactly that many matching requests, then stops', async () => {
      sandbox.faults.next({fault: 'error=503', count: 2, method: 'post', path: '/invoices'});

      const get = await call(sandbox, 'GET', '/v1/invoices');
      const first = await create();
      const second = await create();
      const third = await create();

      assert.equal(get.status, 200);
      assert.deepEqual([first.status, second.status, third.status], [503, 503, 200]);
      assert.deepEqual(sandbox.faults.queue, []);
    });

    it('refuses an unknown fault when queued', () => {
      assert.throws(
        () => sandbox.faults.next({fault: 'explode'}),
        (error: unknown) => error instanceof SandboxError && error.code === 'invalid_fault',
      );
    });
  });

  describe('when a request hangs', () => {
    it('never answers until the client gives up', async () => {
      const client = new AbortController();
      let settled = false;

      const pending = Promise.resolve(
        sandbox.app.request('/v1/invoices', {
          headers: {authorization: 'Bearer k', ...fault('hang')},
          signal: client.signal,
        }),
      ).finally(() => (settled = true));
      await new Promise((resolve) => setImmediate(resolve));
      const settledBeforeAbort = settled;
      client.abort();
      await pending;

      assert.equal(settledBeforeAbort, false);
      assert.equal(sandbox.list().length, 0);
    });

    it('ends with a 503 when the sandbox closes', async () => {
      const closing = newSandbox();

      const pending = closing.app.request('/v1/invoices', {
        headers: {authorization: 'Bearer k', ...fault('hang')},
      });
      await new Promise((resolve) => setImmediate(resolve));
      await closing.close();

      assert.equal((await pending).status, 503);
    });

    it('after the request took effect (hang-after), the invoice exists', async () => {
      const client = new AbortController();

      const pending = sandbox.app.request('/v1/invoices', {
        method: 'POST',
        headers: {
          authorization: 'Bearer k',
          'content-type': 'application/json',
          ...fault('hang-after'),
        },
        body: JSON.stringify(exampleInvoice),
        signal: client.signal,
      });
      while (sandbox.list().length === 0) await new Promise((resolve) => setImmediate(resolve));
      client.abort();
      await pending;

      assert.equal(sandbox.list().length, 1);
    });
  });

  describe('when the body is damaged', () => {
    const parses = (answer: Answer) => {
      try {
        JSON.parse(answer.text);
        return true;
      } catch {
        return false;
      }
    };

    it('malformed: a 200 JSON answer that does not parse', async () => {
      const answer = await create(fault('malformed'));

      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type')!, /^application\/json/);
      assert.ok(answer.text.startsWith('{"id":"'));
      assert.equal(parses(answer), false);
    });

    it('truncated: the first half of the real answer', async () => {
      const answer = await create(fault('truncated'));
      const [stored] = sandbox.list();
      const full = JSON.stringify(sandbox.view(stored!));

      assert.equal(answer.status, 200);
      assert.equal(parses(answer), false);
      assert.equal(answer.text, full.slice(0, Math.floor(full.length / 2)));
    });

    it('html: a 502 gateway page instead of JSON', async () => {
      const answer = await create(fault('html'));

      assert.equal(answer.status, 502);
      assert.match(answer.headers.get('content-type')!, /^text\/html/);
      assert.match(answer.text, /502 Bad Gateway/);
    });

    it('empty: a 200 with no body', async () => {
      const answer = await create(fault('empty'));

      assert.equal(answer.status, 200);
      assert.equal(answer.text, '');
    });

    it('as a standing setting, damages every API answer', async () => {
      sandbox.faults.set({body: 'truncated'});
      const answer = await call(sandbox, 'GET', '/v1/invoices');
      sandbox.faults.set({body: 'intact'});

      assert.equal(parses(answer), false);
    });
  });

  describe('when the paymentUrl is hijacked', () => {
    it('foreign-host: https on a lookalike host, same path; the stored invoice is untouched', async () => {
      const answer = await create(fault('foreign-host'));
      const stored = await call(sandbox, 'GET', `/v1/invoices/${answer.json.id}`);

      const url = new URL(answer.json.paymentUrl);
      assert.equal(url.protocol, 'https:');
      assert.equal(url.host, 'pagos-palomma.example');
      assert.equal(url.pathname, `/pay/sandbox_merchant/${answer.json.id}`);
      assert.equal(stored.json.paymentUrl, `${ORIGIN}/pay/sandbox_merchant/${answer.json.id}`);
    });

    it('javascript-url: a javascript: URL', async () => {
      const answer = await create(fault('javascript-url'));

      assert.match(answer.json.paymentUrl, /^javascript:/);
    });

    it('as a standing setting, in list items too', async () => {
      await createInvoice(sandbox);
      sandbox.faults.set({paymentUrl: 'foreign-host'});
      const answer = await call(sandbox, 'GET', '/v1/invoices');
      sandbox.faults.set({paymentUrl: 'sandbox'});

      assert.match(answer.json.items[0].paymentUrl, /^https:\/\/pagos-palomma\.example\//);
    });
  });

  describe('when a reference is created twice', () => {
    it('allow (default): two invoices', async () => {
      const first = await create();
      const second = await create();

      assert.notEqual(first.json.id, second.json.id);
      assert.equal(sandbox.list().length, 2);
    });

    it('reject-409: a 409 duplicate_reference naming the field', async () => {
      sandbox.faults.set({duplicateReference: 'reject-409'});
      await create();

      const second = await create();

      assertError(second, 409, 'duplicate_reference', ['reference']);
      assert.equal(sandbox.list().length, 1);
    });

    it('reject-400: a 400 duplicate_reference', async () => {
      await create();

      const second = await create(fault('duplicate=reject-400'));

      assertError(second, 400, 'duplicate_reference', ['reference']);
    });

    it('return-existing: the first invoice again, unchanged', async () => {
      const first = await create();
      sandbox.clock.advance(1000);

      const second = await create(fault('duplicate=return-existing'), {
        ...exampleInvoice,
        amount: 99_999,
      });

      assert.equal(second.status, 200);
      assert.deepEqual(second.json, first.json);
      assert.equal(sandbox.list().length, 1);
    });

    it('set as a sandbox option, applies from the start', async () => {
      const strict = newSandbox({duplicateReference: 'reject-409'});
      await createInvoice(strict);

      const second = await call(strict, 'POST', '/v1/invoices', {body: exampleInvoice});

      assertError(second, 409, 'duplicate_reference');
      await strict.close();
    });
  });

  describe('when the fault header is not understood', () => {
    for (const value of ['explode', 'latency=-1', 'latency=abc', 'error=404', 'duplicate=maybe']) {
      it(`answers 400 invalid_fault for ${value}`, async () => {
        const answer = await create(fault(value));

        assertError(answer, 400, 'invalid_fault');
        assert.equal(sandbox.list().length, 0);
      });
    }
  });

  describe('when several faults are combined', () => {
    it('applies them all', async () => {
      const started = performance.now();

      const answer = await create(fault('latency=30, foreign-host'));

      assert.ok(performance.now() - started >= 25, 'answered too early');
      assert.equal(new URL(answer.json.paymentUrl).host, 'pagos-palomma.example');
    });
  });

  describe('outside the API', () => {
    it('leaves the hosted page and the test controls alone', async () => {
      sandbox.faults.set({errorRate: 1});
      const invoice = sandbox.invoices.create({...exampleInvoice}, 'allow').record;

      const page = await sandbox.app.request(`/pay/sandbox_merchant/${invoice.id}`, {
        headers: fault('error=503'),
      });
      const admin = await sandbox.app.request('/__sandbox/faults');
      sandbox.faults.set({errorRate: 0});

      assert.equal(page.status, 200);
      assert.equal(admin.status, 200);
    });
  });

  describe('when settings are out of range', () => {
    for (const bad of [
      {errorRate: 2},
      {errorStatus: 404},
      {latencyMs: -5},
      {body: 'wrong'},
      {paymentUrl: 'evil'},
      {duplicateReference: 'sometimes'},
    ]) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        assert.throws(() => sandbox.faults.set(bad as never), /must be/);
      });
    }
  });
});

import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';
import type {AddressInfo} from 'node:net';
import {after, before, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {startSandboxServer, type SandboxServer} from '../../proxy/sandbox/server.js';
import {exampleInvoice} from './helpers.js';

const serverFile = fileURLToPath(new URL('../../proxy/sandbox/server.ts', import.meta.url));
const auth = {authorization: 'Bearer sk_test', 'content-type': 'application/json'};

describe('startSandboxServer', () => {
  let running: SandboxServer;
  before(async () => {
    running = await startSandboxServer({port: 0});
  });
  after(() => running.close());

  describe('when started on port 0', () => {
    it('listens on a free loopback port and points paymentUrls at http://localhost:<port>', async () => {
      const port = Number(new URL(running.origin).port);

      const response = await fetch(`http://127.0.0.1:${port}/v1/invoices`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(exampleInvoice),
      });
      const invoice = (await response.json()) as {paymentUrl: string};
      const page = await fetch(invoice.paymentUrl);

      assert.match(running.origin, /^http:\/\/localhost:\d+$/);
      assert.ok(port > 0);
      assert.equal(response.status, 200);
      assert.equal(new URL(invoice.paymentUrl).origin, running.origin);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Medio de pago/);
    });
  });

  describe('when a body is far too large', () => {
    it('answers 413 JSON and keeps serving', async () => {
      const response = await fetch(`${running.origin}/v1/invoices`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({...exampleInvoice, description: 'x'.repeat(2_000_000)}),
      });
      const next = await fetch(`${running.origin}/v1/invoices`, {headers: auth});

      assert.equal(response.status, 413);
      assert.equal(
        ((await response.json()) as {error: {code: string}}).error.code,
        'body_too_large',
      );
      assert.equal(next.status, 200);
    });
  });

  describe('when the port is taken', () => {
    it('rejects with EADDRINUSE', async () => {
      const port = Number(new URL(running.origin).port);

      await assert.rejects(startSandboxServer({port}), {code: 'EADDRINUSE'});
    });
  });

  describe('when a request hangs and the client times out', () => {
    it('closes promptly afterwards, leaving no timer or socket behind', async () => {
      const server = await startSandboxServer({port: 0});

      await assert.rejects(
        fetch(`${server.origin}/v1/invoices`, {
          headers: {...auth, 'x-sandbox-fault': 'hang'},
          signal: AbortSignal.timeout(100),
        }),
        {name: 'TimeoutError'},
      );
      const started = performance.now();
      await server.close();

      assert.ok(performance.now() - started < 1000, 'close took too long');
    });
  });

  describe('when a request still hangs at close', () => {
    it('ends it and closes promptly', async () => {
      const server = await startSandboxServer({port: 0});
      const hanging = fetch(`${server.origin}/v1/invoices`, {
        headers: {...auth, 'x-sandbox-fault': 'hang'},
      }).then(
        (response) => response.status,
        () => 'connection closed',
      );
      // Real network: give the request time to reach the server before closing.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();

      await server.close();

      assert.ok(performance.now() - started < 1000, 'close took too long');
      assert.ok([503, 'connection closed'].includes(await hanging));
    });
  });

  describe('when latency is configured and the server closes', () => {
    it('does not wait out the latency', async () => {
      const server = await startSandboxServer({port: 0, faults: {latencyMs: 60_000}});
      const slow = fetch(`${server.origin}/v1/invoices`, {headers: auth}).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();

      await server.close();
      await slow;

      assert.ok(performance.now() - started < 1000, 'close took too long');
    });
  });
});

/** Runs `npm run sandbox`'s entry point and collects its output until it exits or `until` is printed. */
function runEntry(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', serverFile], {
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {child, seen, exited, output: () => output};
}

describe('npm run sandbox (proxy/sandbox/server.ts)', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const run = runEntry({PALOMMA_SANDBOX_PORT: '0'}, /listening on (http:\/\/localhost:\d+)/);

    await run.seen;
    const origin = /listening on (http:\/\/localhost:\d+)/.exec(run.output())![1]!;
    const health = await fetch(`${origin}/__sandbox`);
    run.child.kill('SIGTERM');

    assert.equal(health.status, 200);
    assert.equal(await run.exited, 0);
  });

  it('says in one line that the port is in use, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;

    const run = runEntry({PALOMMA_SANDBOX_PORT: String(port)});
    const code = await run.exited;
    blocker.close();

    assert.equal(code, 1);
    assert.match(run.output(), new RegExp(`port ${port} is already in use.*PALOMMA_SANDBOX_PORT`));
    assert.equal(run.output().trim().split('\n').length, 1);
  });

  it('refuses a bad setting by name, and exits 1', async () => {
    const run = runEntry({PALOMMA_SANDBOX_PORT: '0', PALOMMA_SANDBOX_DECLINE_STATUS: 'declined'});

    assert.equal(await run.exited, 1);
    assert.match(run.output(), /PALOMMA_SANDBOX_DECLINE_STATUS="declined" is invalid/);
  });
});

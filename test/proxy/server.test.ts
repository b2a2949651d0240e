/** The Node entry: `startServer()` on loopback ports, and `npm run proxy` as a child process. */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {after, before, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {ConfigError} from '../../proxy/config.js';
import {startSandboxServer, type SandboxServer} from '../../proxy/sandbox/server.js';
import {PortInUseError, startServer, type RunningServer} from '../../proxy/server.js';
import {CheckoutResponse, PublicConfig} from '../../widget/contract.js';
import {checkoutBody, postJson} from './support.js';

const serverScript = fileURLToPath(new URL('../../proxy/server.ts', import.meta.url));
const quiet = () => {};

/** Makes the next `POST /invoices` of a sandbox take `ms` (through its test controls). */
async function slowNextCreate(sandboxOrigin: string, ms: number): Promise<void> {
  const response = await fetch(`${sandboxOrigin}/__sandbox/faults/next`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({fault: `latency=${ms}`, method: 'POST', path: '/invoices'}),
  });
  assert.equal(response.status, 200);
}

/** Resolves once the sandbox has taken the queued fault, i.e. the slow create has reached it. */
async function untilCreateStarted(sandboxOrigin: string): Promise<void> {
  for (;;) {
    const faults = (await (await fetch(`${sandboxOrigin}/__sandbox/faults`)).json()) as {
      queue: unknown[];
    };
    if (faults.queue.length === 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs `proxy/server.ts` as `npm run proxy` does, collecting its output. */
function runCommand(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript], {
    env: {PATH: process.env.PATH ?? '', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  // Both lines are printed in sandbox mode, which is how these runs start.
  const urls = new Promise<{url: string; sandboxOrigin: string}>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match =
        /palomma-pay proxy: (http:\/\/\S+)[\s\S]*local Palomma sandbox: (http:\/\/\S+)/.exec(
          stdout,
        );
      if (match) resolve({url: match[1]!, sandboxOrigin: match[2]!});
    });
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
  });
  // Runs that are expected to fail never read the URL.
  urls.catch(() => {});
  return {child, urls, exited, output: () => ({stdout, stderr})};
}

describe('startServer()', () => {
  describe('without an API key', () => {
    let server: RunningServer;
    const lines: Record<string, unknown>[] = [];
    before(async () => {
      server = await startServer({
        env: {},
        port: 0,
        log: (line) => lines.push(line as Record<string, unknown>),
        mount: (app) => app.get('/hello', (c) => c.text('demo page')),
      });
    });
    after(() => server.close());

    it('runs the local sandbox in the same process and allows its origin for payment links', async () => {
      const config = PublicConfig.parse(
        await (await fetch(`${server.url}/api/palomma/config`)).json(),
      );

      assert.ok(server.sandboxOrigin);
      assert.equal(config.mode, 'sandbox');
      assert.ok(config.paymentOrigins.includes(server.sandboxOrigin));
      const invoice = CheckoutResponse.parse(
        await (await fetch(`${server.url}/api/palomma/checkout`, postJson(checkoutBody()))).json(),
      );
      assert.equal(new URL(invoice.paymentUrl).origin, server.sandboxOrigin);
    });

    it('says loudly in the log that it is in sandbox mode', () => {
      const listening = lines.find((line) => line.event === 'listening');

      assert.equal(listening?.level, 'warn');
      assert.match(String(listening?.message), /SANDBOX MODE/);
    });

    it('serves routes added by mount() beside the proxy', async () => {
      const page = await fetch(`${server.url}/hello`);

      assert.equal(await page.text(), 'demo page');
    });
  });

  describe('with a path-only PALOMMA_RETURN_URL', () => {
    let sandbox: SandboxServer;
    let server: RunningServer;
    before(async () => {
      sandbox = await startSandboxServer({port: 0});
      server = await startServer({
        env: {PALOMMA_API_URL: `${sandbox.origin}/v1`, PALOMMA_RETURN_URL: '/return.html'},
        port: 0,
        log: quiet,
      });
    });
    after(async () => {
      await server.close();
      await sandbox.close();
    });

    it('sends shoppers back to its own origin, on whatever port it got', async () => {
      const invoice = CheckoutResponse.parse(
        await (await fetch(`${server.url}/api/palomma/checkout`, postJson(checkoutBody()))).json(),
      );

      const record = sandbox.sandbox.list().find((item) => item.reference === invoice.reference);
      assert.equal(record?.redirectUrl, `${server.url}/return.html?reference=${invoice.reference}`);
      assert.equal(server.sandboxOrigin, undefined);
    });
  });

  it("passes the sandbox's own PALOMMA_SANDBOX_* settings to the in-process sandbox", async () => {
    const server = await startServer({
      env: {PALOMMA_SANDBOX_PAYMENT_URL_FAULT: 'foreign-host'},
      port: 0,
      log: quiet,
    });
    try {
      const response = await fetch(`${server.endpoint}/checkout`, postJson(checkoutBody()));

      assert.equal(response.status, 502);
    } finally {
      await server.close();
    }
  });

  it('names a wrong PALOMMA_SANDBOX_* setting like its own', async () => {
    await assert.rejects(
      startServer({env: {PALOMMA_SANDBOX_LATENCY_MS: 'slow'}, port: 0, log: quiet}),
      (error: unknown) =>
        error instanceof ConfigError && error.variable === 'PALOMMA_SANDBOX_LATENCY_MS',
    );
  });

  it('mounts the proxy at PALOMMA_BASE_PATH and reports that endpoint', async () => {
    const server = await startServer({
      env: {PALOMMA_BASE_PATH: '/pagos/palomma'},
      port: 0,
      log: quiet,
    });
    try {
      const health = await fetch(`${server.endpoint}/health`);

      assert.equal(server.endpoint, `${server.url}/pagos/palomma`);
      assert.equal(health.status, 200);
    } finally {
      await server.close();
    }
  });

  it('rejects a taken port with one clear line', async () => {
    const first = await startServer({env: {}, port: 0, log: quiet});
    const port = Number(new URL(first.url).port);
    try {
      await assert.rejects(
        startServer({env: {PALOMMA_SANDBOX_PORT: '0'}, port, log: quiet}),
        (error: unknown) =>
          error instanceof PortInUseError &&
          error.message === `Port ${port} is already in use: set PORT to another port`,
      );
    } finally {
      await first.close();
    }
  });

  it('rejects a bad setting before listening anywhere', async () => {
    await assert.rejects(
      startServer({env: {PALOMMA_OPEN_AMOUNT: 'maybe'}, port: 0, log: quiet}),
      ConfigError,
    );
  });

  it('counts rate limits per client socket address', async () => {
    const server = await startServer({env: {PALOMMA_RATE_LIMIT_IP: '2'}, port: 0, log: quiet});
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await fetch(`${server.url}/api/palomma/status/pp-X`)).status);

      assert.deepEqual(statuses, [404, 404, 429]);
    } finally {
      await server.close();
    }
  });

  it('close() lets an in-flight checkout finish, then stops the sandbox', async () => {
    const server = await startServer({env: {}, port: 0, log: quiet});
    await slowNextCreate(server.sandboxOrigin!, 300);

    const pending = fetch(`${server.url}/api/palomma/checkout`, postJson(checkoutBody()));
    await untilCreateStarted(server.sandboxOrigin!);
    const closed = server.close();
    const response = await pending;
    await closed;

    assert.equal(response.status, 201);
    await assert.rejects(fetch(`${server.sandboxOrigin}/v1/invoices`));
    await assert.rejects(fetch(`${server.url}/api/palomma/health`));
  });
});

describe('npm run proxy', () => {
  it('prints its URL and the sandbox, and on SIGTERM finishes the request in flight and exits 0', async () => {
    const run = runCommand({PORT: '0'});
    const {url, sandboxOrigin} = await run.urls;
    await slowNextCreate(sandboxOrigin, 300);

    const pending = fetch(`${url}/checkout`, postJson(checkoutBody()));
    await untilCreateStarted(sandboxOrigin);
    run.child.kill('SIGTERM');

    assert.equal((await pending).status, 201);
    assert.equal(await run.exited, 0);
  });

  it('stops with one line and exit code 1 when the port is taken', async () => {
    const holder = await startServer({env: {}, port: 0, log: quiet});
    const port = new URL(holder.url).port;
    try {
      const run = runCommand({PORT: port, PALOMMA_SANDBOX_PORT: '0'});

      assert.equal(await run.exited, 1);
      assert.equal(
        run.output().stderr.trim(),
        `palomma-pay: Port ${port} is already in use: set PORT to another port`,
      );
    } finally {
      await holder.close();
    }
  });

  it('stops with one line naming the variable when a setting is wrong', async () => {
    const run = runCommand({PALOMMA_API_KEY: 'sk_live_do_not_print_me', PORT: '0'});

    assert.equal(await run.exited, 1);
    assert.equal(
      run.output().stderr.trim(),
      'palomma-pay: PALOMMA_RETURN_URL: is required with an API key (where shoppers come back after paying)',
    );
  });
});

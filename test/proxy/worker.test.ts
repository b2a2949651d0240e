/**
 * The Workers build in the real runtime: `proxy/worker.ts` bundled by esbuild the way wrangler does, served by
 * workerd through Miniflare, in front of a local sandbox on loopback. Same contract suite as Node.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {Miniflare} from 'miniflare';
import {startSandboxServer, type SandboxServer} from '../../proxy/sandbox/server.js';
import {CONTRACT_ENV, contractSuite, type ProxyRequest} from './contract.js';
import {checkoutBody, postJson} from './support.js';

const entry = fileURLToPath(new URL('../../proxy/worker.ts', import.meta.url));

/** Bundles the Worker in memory, as one ES module. */
async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const script = bundleWorker();

interface WorkerTarget {
  request: ProxyRequest;
  /** Keys in the `PALOMMA_KV` namespace, when one is bound. */
  kvKeys(): Promise<string[]>;
  close(): Promise<void>;
}

/** Serves the bundled Worker with `bindings` (strings) and optionally a KV namespace. */
async function startWorker(
  bindings: Record<string, string>,
  options: {kv?: boolean} = {},
): Promise<WorkerTarget> {
  const mf = new Miniflare({
    modules: true,
    script: await script,
    compatibilityDate: '2026-04-01',
    cf: false,
    bindings,
    ...(options.kv ? {kvNamespaces: ['PALOMMA_KV']} : {}),
  });
  await mf.ready;
  return {
    request: async (path, init) =>
      (await mf.dispatchFetch(
        `http://localhost:8787/api/palomma${path}`,
        init as never,
      )) as unknown as Response,
    async kvKeys() {
      // Miniflare types KV with @cloudflare/workers-types, which this project does not install.
      const namespace = (await mf.getKVNamespace('PALOMMA_KV')) as unknown as {
        list(): Promise<{keys: {name: string}[]}>;
      };
      return (await namespace.list()).keys.map((key) => key.name);
    },
    async close() {
      await mf.dispose();
    },
  };
}

/** A sandbox on loopback whose payment links use the same 127.0.0.1 origin the Worker calls. */
async function loopbackSandbox(): Promise<SandboxServer & {apiUrl: string}> {
  const server = await startSandboxServer({port: 0});
  const origin = server.origin.replace('localhost', '127.0.0.1');
  server.sandbox.origin = origin;
  return Object.assign(server, {apiUrl: `${origin}/v1`});
}

let sandbox: Awaited<ReturnType<typeof loopbackSandbox>>;
before(async () => {
  sandbox = await loopbackSandbox();
});
after(async () => {
  await sandbox.close();
});

contractSuite('workerd', () => startWorker({...CONTRACT_ENV, PALOMMA_API_URL: sandbox.apiUrl}));

describe('Workers entry', () => {
  describe('when a setting is wrong', () => {
    let worker: WorkerTarget;
    before(async () => {
      worker = await startWorker({PALOMMA_MIN_AMOUNT: 'lots'});
    });
    after(() => worker.close());

    it('answers 500 internal without naming the setting to the visitor', async () => {
      const response = await worker.request('/health');

      assert.equal(response.status, 500);
      const body = await response.text();
      assert.match(body, /"code":"internal"/);
      assert.doesNotMatch(body, /PALOMMA_MIN_AMOUNT/);
    });
  });

  describe('with a per-IP rate limit', () => {
    let worker: WorkerTarget;
    before(async () => {
      worker = await startWorker({
        ...CONTRACT_ENV,
        PALOMMA_API_URL: sandbox.apiUrl,
        PALOMMA_RATE_LIMIT_IP: '2',
      });
    });
    after(() => worker.close());

    it('counts clients by CF-Connecting-IP', async () => {
      const from = (ip: string) => ({headers: {'cf-connecting-ip': ip}});

      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await worker.request('/status/pp-X', from('203.0.113.1'))).status);
      const other = await worker.request('/status/pp-X', from('203.0.113.2'));

      assert.deepEqual(statuses, [404, 404, 429]);
      assert.equal(other.status, 404);
    });
  });

  describe('with a KV namespace bound as PALOMMA_KV', () => {
    let worker: WorkerTarget;
    before(async () => {
      worker = await startWorker({...CONTRACT_ENV, PALOMMA_API_URL: sandbox.apiUrl}, {kv: true});
    });
    after(() => worker.close());

    it('keeps idempotency records there: a repeated checkout gets the same invoice', async () => {
      const body = checkoutBody({documentNumber: '7654321'});
      const created = sandbox.sandbox.list().length;

      const first = await (await worker.request('/checkout', postJson(body))).json();
      const second = await (await worker.request('/checkout', postJson(body))).json();

      assert.equal(second.id, first.id);
      assert.equal(sandbox.sandbox.list().length, created + 1);
      assert.ok((await worker.kvKeys()).some((key) => key.startsWith('palomma-pay:checkout:')));
    });
  });
});

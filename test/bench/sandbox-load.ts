/**
 * Load check of the local sandbox (not part of `npm test`): N concurrent clients create invoices for D seconds on
 * loopback against a real sandbox process, then the script reports requests, errors, latency percentiles, and the
 * sandbox's resident memory before and after, with how many invoices it still holds (bounded by maxInvoices).
 *
 *   npx tsx test/bench/sandbox-load.ts [--concurrency 200] [--duration 10] [--max-invoices 10000]
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const {values} = parseArgs({
  options: {
    concurrency: {type: 'string', default: '200'},
    duration: {type: 'string', default: '10'},
    'max-invoices': {type: 'string', default: '10000'},
  },
});
const concurrency = Number(values.concurrency);
const durationMs = Number(values.duration) * 1000;

const serverFile = fileURLToPath(new URL('../../proxy/sandbox/server.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', serverFile], {
  env: {
    ...process.env,
    PALOMMA_SANDBOX_PORT: '0',
    PALOMMA_SANDBOX_MAX_INVOICES: values['max-invoices'],
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const origin = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});
const {port} = new URL(origin);

/** Resident memory of the sandbox process, in MiB (Linux /proc). */
function rssMiB(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const agent = new Agent({keepAlive: true, maxSockets: concurrency});
let sequence = 0;

function createOnce(): Promise<{status: number; ms: number}> {
  const body = JSON.stringify({
    reference: `LOAD-${++sequence}`,
    amount: 1850000,
    description: 'Canon de arrendamiento marzo 2026',
    redirectUrl: 'https://merchant.example.com/payments/return',
    customerDocumentNumber: '900123456',
  });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/invoices',
        method: 'POST',
        agent,
        headers: {
          authorization: 'Bearer load',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({status: res.statusCode ?? 0, ms: performance.now() - started}),
        );
      },
    );
    req.on('error', () => resolve({status: 0, ms: performance.now() - started}));
    req.end(body);
  });
}

async function adminSummary(): Promise<{invoices: number; memory: {heapUsed: number}}> {
  return (await (await fetch(`${origin}/__sandbox`)).json()) as {
    invoices: number;
    memory: {heapUsed: number};
  };
}

// Warm up JIT and sockets so "before" is the idle, loaded-code footprint.
for (let i = 0; i < 200; i++) await createOnce();
await fetch(`${origin}/__sandbox/reset`, {method: 'POST'});
const rssBefore = rssMiB();

const latencies: number[] = [];
let errors = 0;
const deadline = performance.now() + durationMs;
const started = performance.now();
await Promise.all(
  Array.from({length: concurrency}, async () => {
    while (performance.now() < deadline) {
      const {status, ms} = await createOnce();
      latencies.push(ms);
      if (status !== 200) errors++;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const rssAfter = rssMiB();
const summary = await adminSummary();

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
console.table({
  concurrency,
  'duration (s)': Number(elapsed.toFixed(1)),
  requests: latencies.length,
  'req/s': Math.round(latencies.length / elapsed),
  errors,
  'p50 (ms)': Number(pct(0.5).toFixed(1)),
  'p99 (ms)': Number(pct(0.99).toFixed(1)),
  'max (ms)': Number(latencies.at(-1)!.toFixed(1)),
  'RSS before (MiB)': Number(rssBefore.toFixed(1)),
  'RSS after (MiB)': Number(rssAfter.toFixed(1)),
  'JS heap used after (MiB)': summary.memory.heapUsed,
  'invoices held': summary.invoices,
});

agent.destroy();
child.kill('SIGTERM');
await new Promise((resolve) => child.on('exit', resolve));
process.exitCode = errors === 0 ? 0 : 1;

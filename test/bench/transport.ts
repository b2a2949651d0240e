/**
 * `npm run bench:transport`: the proxy's upstream transport on Node 20, global `fetch` against the keep-alive
 * `node:http` transport (proxy/node-fetch.ts), on loopback against a stub Palomma that answers at once.
 *
 * 1. transport alone: N POSTs at concurrency C from this process;
 * 2. the whole proxy: `wrk` (if installed) posting distinct checkouts to a proxy that uses each transport.
 * Prints one table; not part of `npm test` (timings depend on the machine).
 */
import {serve} from '@hono/node-server';
import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Hono} from 'hono';
import {createProxy} from '../../proxy/app.js';
import {loadConfig} from '../../proxy/config.js';
import {createKeepAliveFetch} from '../../proxy/node-fetch.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WRK_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** A stub Palomma: every POST gets the same valid invoice, with keep-alive. */
async function stubUpstream(): Promise<{origin: string; server: http.Server}> {
  const created = new Date().toISOString();
  const expires = new Date(Date.now() + 5 * 60_000).toISOString();
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const reference = (JSON.parse(body || '{}') as {reference?: string}).reference ?? 'x';
      response.writeHead(200, {'content-type': 'application/json'});
      response.end(
        JSON.stringify({
          id: '01HQY8EW1H9YGH5PAV5Y2M9R3T',
          reference,
          status: 'ready',
          amount: 50_000,
          description: 'Bench',
          contract: '00000',
          customerDocumentNumber: '1020304050',
          createdAt: created,
          expirationDate: expires,
          paymentUrl: 'https://pagos.palomma.com/pay/m/01HQY8EW1H9YGH5PAV5Y2M9R3T',
        }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  return {origin: await listen(server), server};
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** N POSTs at concurrency C through `send`; requests per second and p99 latency in ms. */
async function transportRun(send: typeof fetch, url: string): Promise<{rps: number; p99: number}> {
  const latencies: number[] = [];
  let next = 0;
  const body = JSON.stringify({reference: 'bench', amount: 50_000});
  const worker = async () => {
    while (next++ < REQUESTS) {
      const started = performance.now();
      const response = await send(url, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body,
      });
      await response.text();
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {rps: latencies.length / seconds, p99: percentile(latencies, 99)};
}

/** A proxy on loopback using `send` upstream; live mode with open amounts, no rate limits, no logs. */
async function proxyServer(upstream: string, send: typeof fetch) {
  const config = loadConfig({
    PALOMMA_API_KEY: 'bench_key_not_secret',
    PALOMMA_API_URL: `${upstream}/v1`,
    PALOMMA_RETURN_URL: 'https://shop.example/return',
    PALOMMA_OPEN_AMOUNT: 'true',
    PALOMMA_RATE_LIMIT_IP: '0',
    PALOMMA_RATE_LIMIT_REFERENCE: '0',
  });
  const root = new Hono().route('/api/palomma', createProxy(config, {fetch: send, log: () => {}}));
  const server = serve({fetch: root.fetch, port: 0, hostname: '127.0.0.1'}) as http.Server;
  await new Promise((resolve) => server.once('listening', resolve));
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server};
}

/** wrk posting checkouts with a distinct document each (so idempotency never answers from memory). */
// Asynchronous on purpose: the proxy under test runs in this process and must keep answering.
async function wrkRun(
  url: string,
  script: string,
): Promise<{rps: number; p99: number} | undefined> {
  const result = await new Promise<{stdout: string} | undefined>((resolve) =>
    execFile(
      'wrk',
      [
        '-t2',
        `-c${CONCURRENCY}`,
        `-d${WRK_SECONDS}s`,
        '--latency',
        '-s',
        script,
        `${url}/api/palomma/checkout`,
      ],
      {encoding: 'utf8'},
      (error, stdout) => resolve(error ? undefined : {stdout}),
    ),
  );
  if (!result) return undefined;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(result.stdout)?.[1]);
  const p99match = /99%\s+([\d.]+)(us|ms|s)/.exec(result.stdout);
  const unit = {us: 0.001, ms: 1, s: 1000}[p99match?.[2] as 'us' | 'ms' | 's'] ?? NaN;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(result.stdout)?.[1] ?? 0);
  if (non2xx > 0) console.warn(`  warning: ${non2xx} non-2xx answers from ${url}`);
  return {rps, p99: Number(p99match?.[1]) * unit};
}

const wrkScript = `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local doc = tostring(1000000000 + math.random(0, 899999999))
  local body = '{"amount":50000,"description":"Bench","documentType":"cc","documentNumber":"' .. doc .. '"}'
  return wrk.format(nil, nil, nil, body)
end
`;

const upstream = await stubUpstream();
const keepAlive = createKeepAliveFetch();
const transports: [string, typeof fetch][] = [
  ['global fetch', (input, init) => fetch(input, init)],
  ['keep-alive node:http', keepAlive.fetch],
];

console.log(
  `Node ${process.version}, ${REQUESTS} requests at concurrency ${CONCURRENCY}, loopback stub upstream\n`,
);
const rows: string[][] = [];
const results: Record<
  string,
  {transport: {rps: number; p99: number}; proxy?: {rps: number; p99: number}}
> = {};
const scriptPath = join(mkdtempSync(join(tmpdir(), 'palomma-bench-')), 'checkout.lua');
writeFileSync(scriptPath, wrkScript);

for (const [name, send] of transports) {
  await transportRun(send, `${upstream.origin}/v1/invoices`); // warm-up
  const transport = await transportRun(send, `${upstream.origin}/v1/invoices`);
  const proxy = await proxyServer(upstream.origin, send);
  const whole = await wrkRun(proxy.url, scriptPath);
  proxy.server.closeAllConnections();
  proxy.server.close();
  results[name] = {transport, ...(whole ? {proxy: whole} : {})};
  rows.push([
    name,
    transport.rps.toFixed(0),
    transport.p99.toFixed(1),
    whole ? whole.rps.toFixed(0) : 'no wrk',
    whole ? whole.p99.toFixed(1) : '-',
  ]);
}

const header = ['transport', 'alone req/s', 'alone p99 ms', 'proxy req/s (wrk)', 'proxy p99 ms'];
const widths = header.map((title, i) =>
  Math.max(title.length, ...rows.map((row) => row[i]!.length)),
);
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
const [a, b] = [results['global fetch']!, results['keep-alive node:http']!];
console.log(
  `\nkeep-alive / global fetch: transport ${(b.transport.rps / a.transport.rps).toFixed(2)}x` +
    (a.proxy && b.proxy ? `, whole proxy ${(b.proxy.rps / a.proxy.rps).toFixed(2)}x` : ''),
);

keepAlive.close();
upstream.server.closeAllConnections();
upstream.server.close();

/** Shared fixtures of the proxy tests: configurations, request bodies and upstreams that need no network. */
import {createProxy, type ProxyDeps} from '../../proxy/app.js';
import {loadConfig, type ProxyConfig} from '../../proxy/config.js';
import type {Invoice} from '../../proxy/palomma.js';
import {createSandbox, type Sandbox} from '../../proxy/sandbox/app.js';

/** A live-looking key that must never show up anywhere. */
export const SECRET_KEY = 'sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
/** A signing secret long enough for the config check. */
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
/** The fake sandbox's origin in the in-memory upstream. */
export const SANDBOX_ORIGIN = 'http://sandbox.test';

/** One catalog item, as `PALOMMA_CATALOG` holds it. */
export const CATALOG = [{id: 'admin-fee', amount: 250_000, description: 'Cuota de administración'}];

/** A valid open-amount checkout body (CC 1.020.304.050, sent with dots the proxy removes). */
export function checkoutBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: 50_000,
    description: 'Canon marzo',
    documentType: 'cc',
    documentNumber: '1.020.304.050',
    ...overrides,
  };
}

/** `init` for a JSON POST. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Configuration from `env`, with a return URL so live mode loads. */
export function config(env: Record<string, string | undefined> = {}): ProxyConfig {
  return loadConfig({PALOMMA_RETURN_URL: 'https://shop.example/return', ...env});
}

/** The real sandbox app answering in memory: a faithful upstream for `app.request` tests, no sockets. */
export interface MemoryUpstream {
  sandbox: Sandbox;
  fetch: typeof fetch;
  /** Requests seen, as `METHOD /path?query`. */
  calls: string[];
  /** How many `POST /invoices` were made. */
  creates(): number;
  close(): Promise<void>;
}

/** Starts an in-memory sandbox at {@link SANDBOX_ORIGIN}; `frozenAt` stops its clock there (tests move it). */
export function memoryUpstream(options: {frozenAt?: number} = {}): MemoryUpstream {
  const sandbox = createSandbox({
    origin: SANDBOX_ORIGIN,
    sweepIntervalMs: 60_000,
    ...(options.frozenAt !== undefined ? {now: options.frozenAt} : {}),
  });
  const calls: string[] = [];
  const upstream: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}${url.search}`);
    return sandbox.app.fetch(request);
  };
  return {
    sandbox,
    fetch: upstream,
    calls,
    creates: () => calls.filter((call) => call.startsWith('POST /v1/invoices')).length,
    close: () => sandbox.close(),
  };
}

/** An invoice as Palomma documents it, on the live payment host. */
export function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: '01HQY8EW1H9YGH5PAV5Y2M9R3T',
    reference: 'pp-01HQY8EW1H0000000000000000',
    status: 'ready',
    amount: 50_000,
    description: 'Canon marzo',
    contract: '00000',
    customerDocumentNumber: '1020304050',
    createdAt: '2026-03-11T16:32:14.007Z',
    expirationDate: '2026-03-11T16:37:14.007Z',
    paymentUrl: 'https://pagos.palomma.com/pay/merchant_123/01HQY8EW1H9YGH5PAV5Y2M9R3T',
    ...overrides,
  };
}

/** The clock of the {@link invoice} fixture: one second after it was created. */
export const FIXTURE_NOW = Date.parse('2026-03-11T16:32:15.000Z');

/** A programmable upstream: each call goes to `handler`, and the calls are recorded. */
export function scriptedUpstream(handler: (request: Request) => Response | Promise<Response>) {
  const calls: Request[] = [];
  const upstream: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push(request.clone());
    return handler(request);
  };
  return {fetch: upstream, calls, creates: () => calls.filter((r) => r.method === 'POST').length};
}

/** A JSON reply. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {'content-type': 'application/json'},
  });
}

/** A reply that never comes, until the caller aborts. */
export function hang(request: Request): Promise<Response> {
  return new Promise((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });
}

/** The instant the frozen clocks of {@link proxyOnSandbox} start at. */
export const T0 = Date.parse('2026-03-11T16:00:00.000Z');

/**
 * A proxy on an in-memory sandbox in sandbox mode, both on one frozen clock (`upstream.sandbox.clock`), with
 * the proxy's log lines collected.
 */
export function proxyOnSandbox(env: Record<string, string | undefined> = {}, deps: ProxyDeps = {}) {
  const upstream = memoryUpstream({frozenAt: T0});
  const lines: Record<string, unknown>[] = [];
  const app = createProxy(config({PALOMMA_API_URL: `${SANDBOX_ORIGIN}/v1`, ...env}), {
    fetch: upstream.fetch,
    now: () => upstream.sandbox.clock.now(),
    log: (line) => lines.push(line as Record<string, unknown>),
    ...deps,
  });
  return {app, upstream, lines, clock: upstream.sandbox.clock};
}

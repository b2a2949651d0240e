/**
 * `createProxy(config, deps)`: the proxy's routes, hardening and error envelope as one Hono app. Web-standard APIs
 * only, so the same app runs on Node, in workerd and inside a browser page for the widget's tests. Servers mount
 * it under a base path: `new Hono().route('/api/palomma', createProxy(config))`.
 */
import {Hono, type Context, type MiddlewareHandler} from 'hono';
import {
  CheckoutRequest,
  InvoiceStatus,
  Reference,
  type CheckoutResponse,
  type PublicConfig,
  type StatusResponse,
} from '../widget/contract.js';
import {resolveCheckout} from './amounts.js';
import {readJson} from './body.js';
import {createInvoiceOnce} from './checkout.js';
import type {ProxyConfig} from './config.js';
import {ProxyError} from './errors.js';
import {checkoutKey} from './idempotency.js';
import {consoleSink, redactor, type LogSink, type RequestLog} from './log.js';
import {createPalommaClient, PalommaError, type Invoice, type UpstreamTrace} from './palomma.js';
import {clientNetwork, enforceRateLimit} from './rate-limit.js';
import {MemoryStore, type ProxyStore} from './store.js';

/** What the host supplies; every part has a default that works without a network. */
export interface ProxyDeps {
  /** Upstream transport (Node: the keep-alive transport of `node-fetch.ts`; tests: a fake). */
  fetch?: typeof fetch;
  /** Clock, in epoch milliseconds. */
  now?: () => number;
  /** Receives one object per request (already redacted). Default: one JSON line on the console (`PALOMMA_LOG`). */
  log?: LogSink;
  /** Shared state for idempotency, status cache and rate limits. Default: a bounded in-memory store. */
  store?: ProxyStore;
  /** The client's IP when the platform knows it (Node: the socket). A configured header wins. */
  clientIp?: (c: Context) => string | undefined;
}

/** Per-request notes the log line is made of. */
type ProxyEnv = {Variables: {log: Partial<RequestLog>; trace: UpstreamTrace}};

/** How long `GET /status/:reference` answers from cache: the return page polls, Palomma should not feel it. */
export const STATUS_CACHE_MS = 3_000;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const statusOrder: Record<InvoiceStatus, number> = {paid: 0, chargeback: 1, ready: 2, cancelled: 3};

/** Builds the proxy app for one configuration. */
export function createProxy(config: ProxyConfig, deps: ProxyDeps = {}): Hono<ProxyEnv> {
  const now = deps.now ?? Date.now;
  const store = deps.store ?? new MemoryStore({now});
  const sink = deps.log ?? (config.log === 'off' ? () => {} : consoleSink);
  const log = redactor(sink, [config.apiKey, config.signingSecret ?? '']);
  const client = createPalommaClient({
    apiUrl: config.apiUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    // Looked up per call so a test or host can replace the global after the app is built.
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    now,
  });
  const inflight = new Map<string, Promise<CheckoutResponse>>();
  const publicConfig: PublicConfig = {
    mode: config.mode,
    paymentOrigins: [...config.paymentOrigins],
    amount: {open: config.openAmount, min: config.minAmount, max: config.maxAmount},
    items: config.catalog.map(({id, amount, description}) => ({id, amount, description})),
  };

  const clientIp = (c: Context): string | undefined => {
    if (config.clientIpHeader) {
      // Behind a trusted proxy the nearest hop is the last entry it appended.
      const value = c.req.header(config.clientIpHeader)?.split(',').pop()?.trim();
      if (value) return value;
    }
    return deps.clientIp?.(c);
  };

  const app = new Hono<ProxyEnv>();

  app.use(async (c, next) => {
    const started = now();
    c.set('log', {});
    c.set('trace', {ms: 0, calls: 0});
    await next();
    const notes = c.get('log');
    const trace = c.get('trace');
    log({
      time: new Date(started).toISOString(),
      level: notes.problem ? (c.res.status >= 500 ? 'error' : 'warn') : 'info',
      method: c.req.method,
      route: notes.route ?? 'unknown',
      status: c.res.status,
      durationMs: now() - started,
      mode: config.mode,
      ...notes,
      ...(trace.calls > 0 ? {upstreamStatus: trace.status, upstreamMs: trace.ms} : {}),
    } satisfies RequestLog);
  });

  app.use(securityHeaders);
  app.use(originCheck(config));

  const limitIp = async (c: Context<ProxyEnv>) => {
    const ip = clientIp(c);
    // Without a known client IP (app.request, a page running the app) there is nothing meaningful to count.
    if (ip !== undefined) {
      await enforceRateLimit(store, `ip:${clientNetwork(ip)}`, config.rateLimitPerIp, now());
    }
  };
  // Checkout and status count apart: a stranger polling a guessable reference must not lock its payer out.
  const limitReference = (route: 'checkout' | 'status', reference: string) =>
    enforceRateLimit(store, `ref:${route}:${reference}`, config.rateLimitPerReference, now());

  app.post('/checkout', async (c) => {
    c.get('log').route = 'POST /checkout';
    await limitIp(c);
    const body = await readJson(c.req.raw, config.maxBodyBytes);
    const parsed = CheckoutRequest.safeParse(body);
    if (!parsed.success) {
      throw new ProxyError('invalid_request', 'The checkout request is not valid.', {
        fields: issueFields(parsed.error.issues, body),
      });
    }
    const request = parsed.data;
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ProxyError(
        'invalid_request',
        'Idempotency-Key must be 8–64 letters, digits, "-" or "_".',
        {
          fields: {idempotencyKey: 'format'},
        },
      );
    }
    const shopper = {
      documentType: request.documentType,
      documentNumber: request.documentNumber,
      customerName: request.customerName || undefined,
    };

    const checkout = await resolveCheckout(config, request, now());
    c.get('log').amountMode = checkout.mode;
    // Only a signed reference names one checkout (an unsigned one may be shared by every shopper of a page), and
    // only after its signature holds: forged requests must not use up the limit of the merchant's real checkout.
    if (checkout.mode === 'signed' && checkout.reference !== undefined) {
      await limitReference('checkout', checkout.reference);
    }
    const key = await checkoutKey(checkout, shopper, request.signature, idempotencyKey);
    const base = config.publicUrl ?? new URL(c.req.url).origin;
    const {invoice, reused} = await createInvoiceOnce(
      {config, client, store, now, inflight},
      checkout,
      shopper,
      key,
      base,
      c.get('trace'),
    ).catch(upstreamFailure(c));
    c.get('log').reference = invoice.reference;
    c.get('log').idempotent = reused;
    return c.json(invoice, 201);
  });

  app.get('/status/:reference', async (c) => {
    c.get('log').route = 'GET /status/:reference';
    const reference = c.req.param('reference');
    if (!Reference.safeParse(reference).success) {
      throw new ProxyError('invalid_request', 'Not a valid reference.', {
        fields: {reference: 'format'},
      });
    }
    c.get('log').reference = reference;
    await limitIp(c);
    await limitReference('status', reference);
    const cacheKey = `status:${reference}`;
    let cached = await store.get(cacheKey);
    if (cached === undefined) {
      const invoices = await client
        .findInvoices(reference, c.get('trace'))
        .catch(upstreamFailure(c));
      cached = JSON.stringify(pickStatus(reference, invoices) ?? null);
      await store.set(cacheKey, cached, STATUS_CACHE_MS);
    }
    const status = JSON.parse(cached) as StatusResponse | null;
    if (status === null) {
      throw new ProxyError('invalid_request', 'No invoice has this reference.', {
        status: 404,
        fields: {reference: 'unknown'},
      });
    }
    return c.json(status);
  });

  app.get('/config', (c) => {
    c.get('log').route = 'GET /config';
    return c.json(publicConfig);
  });

  app.get('/health', (c) => {
    c.get('log').route = 'GET /health';
    return c.json({ok: true, mode: config.mode});
  });

  // A catch-all rather than notFound(): a mounted sub-app's notFound is not used by the parent app.
  app.all('*', (c) => {
    c.get('log').route = 'unknown';
    throw new ProxyError('invalid_request', 'No such route.', {status: 404});
  });

  app.onError((error, c) => {
    const notes = c.get('log') ?? {};
    if (error instanceof ProxyError) {
      notes.code = error.code;
      return c.json(error.toBody(), error.status as 400, error.options.headers);
    }
    notes.code = 'internal';
    notes.problem = `unexpected ${error instanceof Error ? error.name : typeof error}`;
    return c.json(new ProxyError('internal', 'Internal error.').toBody(), 500);
  });

  return app;
}

/** Turns an upstream failure into the envelope's codes, noting in the log what the operator must know. */
function upstreamFailure(c: Context<ProxyEnv>) {
  return (error: unknown): never => {
    const notes = c.get('log');
    if (!(error instanceof PalommaError)) {
      // A reply the proxy refused (a payment link on a foreign host) needs the operator as much as a failed call.
      if (error instanceof ProxyError && error.code === 'upstream_error') {
        notes.problem = `upstream reply refused: ${String(error.cause ?? error.message)}`;
      }
      throw error;
    }
    if (error.status === 401 || error.status === 403) {
      notes.problem = `Palomma refused the API key (${error.status}): check PALOMMA_API_KEY and PALOMMA_API_URL`;
    } else {
      notes.problem = `upstream ${error.kind}: ${error.message}`;
    }
    if (error.kind === 'timeout') {
      throw new ProxyError('upstream_timeout', 'Palomma did not answer in time; try again.', {
        cause: error,
      });
    }
    throw new ProxyError(
      'upstream_error',
      'Palomma could not be reached or answered with an error.',
      {cause: error},
    );
  };
}

/** The most telling invoice for a reference: paid first, then the newest. */
function pickStatus(reference: string, invoices: Invoice[]): StatusResponse | undefined {
  const [best] = [...invoices].sort(
    (a, b) =>
      statusOrder[a.status] - statusOrder[b.status] || b.createdAt.localeCompare(a.createdAt),
  );
  if (!best) return undefined;
  return {
    reference,
    status: best.status,
    amount: best.amount,
    ...(best.paymentMethod ? {paymentMethod: best.paymentMethod} : {}),
    ...(best.paymentDate ? {paymentDate: best.paymentDate} : {}),
  };
}

/** Field name → short problem (`required`, `format`, `check_digit`, `invalid`) for the envelope's `fields`. */
function issueFields(
  issues: readonly {path: readonly PropertyKey[]; code: string; message: string}[],
  body: unknown,
): Record<string, string> {
  const fields: Record<string, string> = {};
  const input = (body ?? {}) as Record<string, unknown>;
  for (const issue of issues) {
    const name = issue.path.length > 0 ? String(issue.path[0]) : 'body';
    if (name in fields) continue;
    if (name !== 'body' && input[name] === undefined) fields[name] = 'required';
    else if (issue.code === 'custom') fields[name] = issue.message;
    else fields[name] = 'invalid';
  }
  return fields;
}

/**
 * Headers for a JSON API that lives beside strangers' pages: nothing is cached, sniffed, framed or referred.
 */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  c.header('Cross-Origin-Resource-Policy', 'same-site');
};

/**
 * CORS and the Origin check: a browser request from another origin is answered only when that origin is in
 * `PALOMMA_ALLOWED_ORIGINS`. Same-origin requests, and requests without an Origin (servers, curl), pass.
 */
function originCheck(config: ProxyConfig): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    const self = new URL(c.req.url).origin;
    if (origin === undefined || origin === self || origin === config.publicUrl) {
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      return next();
    }
    if (!config.allowedOrigins.includes(origin)) {
      c.get('log').route = `${c.req.method} (origin check)`;
      throw new ProxyError('origin_not_allowed', 'This origin is not in PALOMMA_ALLOWED_ORIGINS.');
    }
    c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      c.get('log').route = 'OPTIONS (preflight)';
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  };
}

// `palomma-pay/proxy` (package.json "exports") points at this file: what a merchant's server needs, in one import.
export {ConfigError, loadConfig, type ProxyConfig} from './config.js';
export {
  signCheckout,
  verifyCheckoutSignature,
  canonicalCheckout,
  type SignedFields,
} from './signing.js';
export {MemoryStore, type ProxyStore} from './store.js';
export {kvStore, type KvNamespaceLike} from './kv-store.js';

/**
 * Palomma's API as the sandbox serves it: `POST /invoices`, `GET /invoices/{id}`, `GET /invoices`,
 * `GET /settlements/{date}/{cycle}`, each under `/v1` and without a prefix, behind Bearer auth and fault injection.
 */
import type {Context, Hono, MiddlewareHandler} from 'hono';
import {readJsonBody} from './body.js';
import {SandboxError, errorBody, sendError} from './errors.js';
import {damageBody, rewritePaymentUrls, type Faults, type RequestFaults} from './faults.js';
import {toInvoiceJson} from './invoice.js';
import type {Invoices} from './invoices.js';
import {settlementReport} from './settlement.js';
import {sleep, untilAborted} from './sleep.js';
import {isUlid} from '../ulid.js';
import {
  CreateInvoiceBody,
  ListInvoicesQuery,
  SettlementParams,
  createInvoiceFieldMessages,
  fieldErrors,
  listInvoicesFieldMessages,
} from './validate/schemas.js';
import type {Clock} from './clock.js';
import type {InvoiceStore} from './store.js';

/** What the API routes need from the sandbox. */
export interface ApiDeps {
  invoices: Invoices;
  store: InvoiceStore;
  faults: Faults;
  clock: Clock;
  origin: () => string;
  /** Accepted Bearer keys; undefined accepts any non-empty key. */
  apiKeys: readonly string[] | undefined;
  maxBodyBytes: number;
  settlementFeeRate: () => number;
  /** Aborts when the sandbox closes, ending every hanging request and pending wait. */
  closing: AbortSignal;
}

/** The per-request state the API middleware shares with handlers. */
export type ApiEnv = {Variables: {faults: RequestFaults}};

/** The API path without its optional `/v1` prefix, or undefined when the path is not an API path. */
export function apiPath(path: string): string | undefined {
  const rest = path.startsWith('/v1/') ? path.slice(3) : path;
  return /^\/(invoices|settlements)(\/|$)/.test(rest) ? rest : undefined;
}

/** Faults then Bearer auth, for API paths only (the hosted page and test controls have neither). */
export function apiMiddleware(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const faults = faultMiddleware(deps);
  const auth = authMiddleware(deps);
  return async (c, next) => {
    if (apiPath(c.req.path) === undefined) return next();
    return faults(c, async () => {
      const denied = await auth(c, next);
      if (denied) c.res = denied;
    });
  };
}

/** Registers the API routes on `app` under `prefix` (`/v1` or empty). */
export function mountApi(app: Hono<ApiEnv>, prefix: string, deps: ApiDeps): void {
  app.post(`${prefix}/invoices`, async (c) => {
    const raw = await readJsonBody(c.req.raw, deps.maxBodyBytes);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return sendError(c, 400, 'invalid_request', 'The body must be a JSON object');
    }
    const parsed = CreateInvoiceBody.safeParse(raw);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error.issues, createInvoiceFieldMessages);
      return sendError(c, 400, 'invalid_request', 'Invalid invoice', fields);
    }
    const {record} = deps.invoices.create(parsed.data, c.get('faults').duplicateReference);
    return c.json(toInvoiceJson(record, deps.origin()), 200);
  });

  app.get(`${prefix}/invoices/:id`, (c) => {
    const id = c.req.param('id');
    if (!isUlid(id)) return sendError(c, 400, 'invalid_request', 'Invalid id', {id: 'a ULID'});
    return c.json(toInvoiceJson(deps.invoices.require(id), deps.origin()), 200);
  });

  app.get(`${prefix}/invoices`, (c) => {
    const parsed = ListInvoicesQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error.issues, listInvoicesFieldMessages);
      return sendError(c, 400, 'invalid_request', 'Invalid query', fields);
    }
    const page = deps.invoices.list(parsed.data);
    const origin = deps.origin();
    return c.json(
      {
        items: page.items.map((record) => toInvoiceJson(record, origin)),
        count: page.items.length,
        cursor: page.cursor,
      },
      200,
    );
  });

  app.get(`${prefix}/settlements/:date/:cycle`, (c) => {
    const parsed = SettlementParams.safeParse(c.req.param());
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error.issues, {
        date: 'a date YYYY-MM-DD',
        cycle: 'a cycle hour (11, 13, 16, 18, 20) or its number 1–5',
      });
      return sendError(c, 400, 'invalid_request', 'Invalid settlement', fields);
    }
    deps.invoices.sweep();
    const report = settlementReport(
      deps.store.values(),
      parsed.data.date,
      parsed.data.cycle,
      deps.clock.now(),
      deps.settlementFeeRate(),
    );
    return c.json(report, 200);
  });
}

function authMiddleware(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match || (deps.apiKeys && !deps.apiKeys.includes(match[1]!))) {
      c.header('WWW-Authenticate', 'Bearer');
      return sendError(c, 401, 'unauthorized', 'Missing or invalid API key');
    }
    await next();
  };
}

function injectedError(status: number): Response {
  const code = status === 500 ? 'internal' : 'service_unavailable';
  return Response.json(errorBody(code, 'Injected sandbox fault'), {status});
}

/** Applies the request's faults around the real handler. */
function faultMiddleware(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const path = apiPath(c.req.path) ?? c.req.path;
    const faults = deps.faults.resolve(c.req.method, path, c.req.header('x-sandbox-fault'));
    c.set('faults', faults);
    // Built only when a fault waits: touching the request's signal costs every request a full Request object.
    const signal = () => AbortSignal.any([c.req.raw.signal, deps.closing]);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs, signal());
    if (faults.hangBefore) return hang(c, signal());
    if (faults.errorBefore !== undefined) return injectedError(faults.errorBefore);
    await next();
    if (faults.hangAfter) return hang(c, signal());
    if (faults.errorAfter !== undefined) {
      c.res = injectedError(faults.errorAfter);
      return;
    }
    if (faults.body !== 'intact' || faults.paymentUrl !== 'sandbox') {
      c.res = await damage(c.res, faults);
    }
  };
}

async function hang(c: Context, signal: AbortSignal): Promise<Response> {
  await untilAborted(signal);
  // Reached only when the client gave up (nobody reads this) or the sandbox is closing.
  c.res = new Response(null, {status: 503, headers: {connection: 'close'}});
  return c.res;
}

async function damage(response: Response, faults: RequestFaults): Promise<Response> {
  let text = await response.text();
  if (faults.paymentUrl !== 'sandbox') {
    try {
      text = JSON.stringify(rewritePaymentUrls(JSON.parse(text), faults.paymentUrl));
    } catch {
      // not JSON: nothing to rewrite
    }
  }
  const damaged = damageBody(text, faults.body);
  return new Response(damaged.text, {
    status: damaged.status ?? response.status,
    headers: {'content-type': damaged.type},
  });
}

/** Maps a thrown `SandboxError` to its JSON answer; anything else is a generic 500. */
export function apiErrorResponse(c: Context, error: unknown): Response {
  if (error instanceof SandboxError) {
    return sendError(c, error.status, error.code, error.message, error.fields);
  }
  return sendError(c, 500, 'internal', 'Internal sandbox error');
}

/**
 * An in-page stand-in for the merchant's proxy: it answers `fetch` calls under one endpoint with the documented
 * HTTP contract, records every request, and lets a test choose each answer, including failures and hangs.
 */
import type {CheckoutRequest, PublicConfig, StatusResponse} from '../../widget/contract.js';

export const endpoint = '/fake-proxy';

/** The config a sandbox proxy publishes, with a sandbox origin the widget may redirect to. */
export const sandboxConfig: PublicConfig = {
  mode: 'sandbox',
  paymentOrigins: ['http://sandbox.test'],
  amount: {open: true, min: 3_000, max: 5_000_000},
  items: [{id: 'fee', amount: 45_000, description: 'Cuota de administración'}],
};

type Handler = (request: Request, body: unknown) => Response | Promise<Response>;

export interface FakeProxy {
  /** Every request under the endpoint, in order. */
  readonly requests: Request[];
  /** The JSON bodies of `POST /checkout`, in order. */
  readonly checkouts: CheckoutRequest[];
  /** Replaces the answer to `POST /checkout`. */
  onCheckout(handler: Handler): void;
  /** Replaces the answer to `GET /config`. */
  onConfig(handler: Handler): void;
  /** Replaces the answer to `GET /status/:reference`. */
  onStatus(handler: Handler): void;
  /** Puts the page's own fetch back. */
  restore(): void;
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {status, headers: {'content-type': 'application/json'}});

export const errorReply = (status: number, code: string, fields?: Record<string, string>) =>
  json(status, {error: {code, message: `proxy says ${code}`, ...(fields && {fields})}});

/** An answer that never comes, unless the request is aborted (then fetch rejects as a real one would). */
export const hang: Handler = (request) =>
  new Promise((_resolve, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });

let invoices = 0;

/** The `201` reply a working proxy gives, for the amount asked. */
export function invoiceFor(body: CheckoutRequest, origin = 'http://sandbox.test') {
  invoices++;
  const id = `01JTEST${String(invoices).padStart(6, '0')}`;
  return {
    id,
    reference: body.reference ?? `REF-${invoices}`,
    amount: body.amount ?? 45_000,
    status: 'ready' as const,
    expirationDate: new Date(Date.now() + 5 * 60_000).toISOString(),
    paymentUrl: `${origin}/pay/merchant/${id}`,
  };
}

/** Intercepts `fetch` on `win` for URLs under `endpoint`. */
export function installFakeProxy(
  config: PublicConfig = sandboxConfig,
  win: Window & typeof globalThis = window,
): FakeProxy {
  const original = win.fetch;
  const requests: Request[] = [];
  const checkouts: CheckoutRequest[] = [];
  let checkout: Handler = (_request, body) => json(201, invoiceFor(body as CheckoutRequest));
  let configHandler: Handler = () => json(200, config);
  let status: Handler = (request) => {
    const reference = decodeURIComponent(new URL(request.url).pathname.split('/').pop()!);
    const reply: StatusResponse = {reference, status: 'paid', amount: 1_850_000};
    return json(200, reply);
  };

  win.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${endpoint}/`)) return original.call(win, input, init);
    requests.push(request);
    if (request.signal.aborted) throw request.signal.reason;
    // Any path under the endpoint works as a base, so a test can use a fresh one (the widget caches config per base).
    const route = url.pathname.slice(endpoint.length);
    if (request.method === 'POST' && route.endsWith('/checkout')) {
      const body = (await request.clone().json()) as CheckoutRequest;
      checkouts.push(body);
      return checkout(request, body);
    }
    if (request.method === 'GET' && route.endsWith('/config'))
      return configHandler(request, undefined);
    if (request.method === 'GET' && route.includes('/status/')) return status(request, undefined);
    return errorReply(404, 'not_found');
  };

  return {
    requests,
    checkouts,
    onCheckout: (handler) => (checkout = handler),
    onConfig: (handler) => (configHandler = handler),
    onStatus: (handler) => (status = handler),
    restore: () => (win.fetch = original),
  };
}

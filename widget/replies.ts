/**
 * Checks that the proxy's replies have the shapes `contract.ts` documents before the widget relies on them. These
 * are plain guards rather than the zod schemas because the schemas alone would use half of the script-tag bundle's
 * 15 KB budget; the proxy, which is not size-bound, validates every request with the zod schemas themselves.
 */
import type {
  CheckoutResponse,
  ErrorBody,
  InvoiceStatus,
  PublicConfig,
  StatusResponse,
} from './contract.js';

type Kind = 'string' | 'number' | 'boolean' | 'object';

/** `value` is an object whose listed keys hold the listed `typeof`s; a key ending in `?` may be absent. */
function shaped<T>(value: unknown, shape: Record<string, Kind>): value is T {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(shape).every(([key, kind]) => {
    const optional = key.endsWith('?');
    const field = (value as Record<string, unknown>)[optional ? key.slice(0, -1) : key];
    return (optional && field === undefined) || (typeof field === kind && field !== null);
  });
}

const statuses: readonly InvoiceStatus[] = ['ready', 'paid', 'cancelled', 'chargeback'];

const invoiceStatus = (value: {status: unknown}) =>
  statuses.includes(value.status as InvoiceStatus);

/** The `201` body of `POST /checkout`, or undefined when it is not that shape. */
export function checkoutResponse(body: unknown): CheckoutResponse | undefined {
  const shape = {
    id: 'string',
    reference: 'string',
    amount: 'number',
    expirationDate: 'string',
    paymentUrl: 'string',
  } as const;
  return shaped<CheckoutResponse>(body, shape) && invoiceStatus(body) ? body : undefined;
}

/** The body of `GET /status/:reference`, or undefined when it is not that shape. */
export function statusResponse(body: unknown): StatusResponse | undefined {
  const shape = {
    reference: 'string',
    amount: 'number',
    'paymentMethod?': 'string',
    'paymentDate?': 'string',
  } as const;
  return shaped<StatusResponse>(body, shape) && invoiceStatus(body) ? body : undefined;
}

/** The body of `GET /config`, or undefined when it is not that shape. */
export function publicConfig(body: unknown): PublicConfig | undefined {
  if (!shaped<PublicConfig>(body, {mode: 'string', amount: 'object'})) return undefined;
  // Each origin and item is used defensively later (parsed in a try, looked up by id), so the arrays suffice here.
  const ok =
    (body.mode === 'sandbox' || body.mode === 'live') &&
    shaped(body.amount, {open: 'boolean', min: 'number', max: 'number'}) &&
    Array.isArray(body.paymentOrigins) &&
    Array.isArray(body.items);
  return ok ? body : undefined;
}

/** The `{error}` envelope of a failed request, or undefined when it is not that shape. */
export function errorBody(body: unknown): ErrorBody['error'] | undefined {
  const error = (body as {error?: unknown} | null)?.error;
  return shaped<ErrorBody['error']>(error, {code: 'string', message: 'string'}) ? error : undefined;
}

/**
 * The widget's side of the proxy's HTTP API (`GET /config`, `POST /checkout`, `GET /status/:reference`): each call
 * checks the reply's shape and turns every failure into one `PalommaError` with the proxy's code.
 */
import type {CheckoutRequest, CheckoutResponse, PublicConfig, StatusResponse} from './contract.js';
import {PalommaError, fetchJson} from './http.js';
import {errorCodes} from './limits.js';
import type {PalommaErrorCode} from './messages.js';
import {checkoutResponse, errorBody, publicConfig, statusResponse} from './replies.js';

/** Public settings per endpoint, shared by every widget on the page so three buttons cost one request. */
const configs = new Map<string, Promise<PublicConfig>>();

const url = (endpoint: string, path: string) => `${endpoint.replace(/\/+$/, '')}${path}`;

/** The proxy's error envelope as a PalommaError, or `invalid_response` when the reply is not the documented shape. */
function replyError(status: number, body: unknown): PalommaError {
  const error = errorBody(body);
  if (!error) return new PalommaError('invalid_response', `HTTP ${status}`);
  const {code, message, fields} = error;
  const known = (errorCodes as readonly string[]).includes(code)
    ? (code as PalommaErrorCode)
    : 'internal';
  return new PalommaError(known, message, typeof fields === 'object' ? fields : undefined);
}

/** The proxy's public settings; a failure is not remembered, so the next call asks again. */
export function loadConfig(endpoint: string, timeout: number): Promise<PublicConfig> {
  let pending = configs.get(endpoint);
  if (!pending) {
    pending = fetchJson(url(endpoint, '/config'), {timeout}).then(({status, body}) => {
      const config = publicConfig(body);
      if (status !== 200 || !config) throw replyError(status, body);
      return config;
    });
    pending.catch(() => configs.delete(endpoint));
    configs.set(endpoint, pending);
  }
  return pending;
}

/** Asks the proxy to create the invoice for this checkout. */
export async function createInvoice(
  endpoint: string,
  request: CheckoutRequest,
  options: {timeout: number; signal: AbortSignal},
): Promise<CheckoutResponse> {
  const {status, body} = await fetchJson(url(endpoint, '/checkout'), {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(request),
    ...options,
  });
  if (status !== 201 && status !== 200) throw replyError(status, body);
  const invoice = checkoutResponse(body);
  if (!invoice) throw new PalommaError('invalid_response', 'checkout reply');
  return invoice;
}

/** The payment's state as the proxy knows it from Palomma, or undefined when the proxy knows no such reference. */
export async function fetchStatus(
  endpoint: string,
  reference: string,
  signal: AbortSignal,
): Promise<StatusResponse | undefined> {
  const path = `/status/${encodeURIComponent(reference)}`;
  const {status, body} = await fetchJson(url(endpoint, path), {timeout: 10_000, signal});
  if (status === 404) return undefined;
  const result = statusResponse(body);
  if (status !== 200 || !result) throw replyError(status, body);
  return result;
}

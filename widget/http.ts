/** A small JSON fetch with a timeout and a caller's abort signal, turning every failure into one typed error. */
import type {PalommaErrorCode} from './messages.js';

/** A failure the widget can show: a stable code, and what caused it for the console. */
export class PalommaError extends Error {
  constructor(
    readonly code: PalommaErrorCode,
    message: string = code,
    readonly fields?: Record<string, string>,
    options?: {cause?: unknown},
  ) {
    super(message, options);
    this.name = 'PalommaError';
  }
}

/** What came back: the HTTP status and the parsed JSON body (undefined when the body was not JSON). */
export interface JsonReply {
  status: number;
  body: unknown;
}

/**
 * Fetches `url` and parses its JSON body. Network failures become `network_error`, running out of time
 * `network_timeout`; an abort by `signal` is rethrown as is so the caller can stay silent.
 */
export async function fetchJson(
  url: string,
  {
    timeout: ms,
    signal: caller,
    headers,
    ...init
  }: Omit<RequestInit, 'headers'> & {
    timeout: number;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  },
): Promise<JsonReply> {
  const timeout = AbortSignal.timeout(ms);
  const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      signal,
      headers: {accept: 'application/json', ...headers},
    });
  } catch (cause) {
    throw failure(cause, caller, timeout);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    if (caller?.aborted || timeout.aborted) throw failure(cause, caller, timeout);
    // Not JSON (an HTML error page from a gateway, an empty body): the caller judges the status alone.
    body = undefined;
  }
  return {status: response.status, body};
}

function failure(cause: unknown, signal: AbortSignal | undefined, timeout: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  if (timeout.aborted) return new PalommaError('network_timeout', 'timeout', undefined, {cause});
  return new PalommaError('network_error', 'network', undefined, {cause});
}

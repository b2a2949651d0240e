/** Fixed-window rate limits on top of a {@link ProxyStore}: cheap, and good enough to stop a script hammering. */
import {ProxyError} from './errors.js';
import type {ProxyStore} from './store.js';

const WINDOW_MS = 60_000;

/**
 * Counts one request for `key` and refuses it past `perMinute` requests in the current minute.
 * @throws {ProxyError} `rate_limited` (429) with a `Retry-After` header in whole seconds.
 */
export async function enforceRateLimit(
  store: ProxyStore,
  key: string,
  perMinute: number,
  nowMs: number,
): Promise<void> {
  if (perMinute <= 0) return;
  const {count, resetAt} = await store.hit(`rate:${key}`, WINDOW_MS);
  if (count <= perMinute) return;
  const retryAfter = Math.max(1, Math.ceil((resetAt - nowMs) / 1000));
  throw new ProxyError('rate_limited', `Too many requests: retry in ${retryAfter} s.`, {
    headers: {'Retry-After': String(retryAfter)},
  });
}

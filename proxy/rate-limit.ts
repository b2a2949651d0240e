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

/**
 * Who a rate limit counts, from a client address: an IPv4 address as it is (IPv4-mapped IPv6 too), an IPv6 address
 * by its /64 network, because one home or server is usually given a whole /64 and could change address per request.
 */
export function clientNetwork(ip: string): string {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .split('%')[0]!;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) return address;
  const groups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const [head = '', tail] = address.split('::');
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [
    ...before,
    ...Array<string>(Math.max(0, 8 - before.length - after.length)).fill('0'),
    ...after,
  ];
  return `${all
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

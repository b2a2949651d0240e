/**
 * A {@link ProxyStore} on Cloudflare Workers KV, so every isolate and location shares idempotency records, the
 * status cache and rate-limit counters. KV is eventually consistent (a write can take up to a minute to be seen
 * elsewhere) and has no atomic increment: it narrows double invoices and abuse across locations, it does not
 * close them. Durable Objects are the strongly consistent choice; the interface is the same.
 */
import type {ProxyStore} from './store.js';

/** The part of a KV namespace binding this store uses. */
export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: {expirationTtl?: number}): Promise<void>;
  delete(key: string): Promise<void>;
}

/** KV refuses expiries shorter than a minute, so exact expiry is kept inside the value. */
const KV_MIN_TTL_SECONDS = 60;

interface Stored {
  v: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

/** A store on a KV namespace; keys get `prefix` so one namespace can serve several proxies. */
export function kvStore(
  namespace: KvNamespaceLike,
  options: {prefix?: string; now?: () => number} = {},
): ProxyStore {
  const prefix = options.prefix ?? 'palomma-pay:';
  const now = options.now ?? Date.now;

  const read = async (key: string): Promise<Stored | undefined> => {
    const raw = await namespace.get(prefix + key);
    if (raw === null) return undefined;
    try {
      const stored = JSON.parse(raw) as Stored;
      return stored.e > now() ? stored : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (key: string, stored: Stored) =>
    namespace.put(prefix + key, JSON.stringify(stored), {
      expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.ceil((stored.e - now()) / 1000)),
    });

  return {
    async get(key) {
      return (await read(key))?.v;
    },
    async set(key, value, ttlMs) {
      await write(key, {v: value, e: now() + ttlMs});
    },
    async delete(key) {
      await namespace.delete(prefix + key);
    },
    async hit(key, windowMs) {
      const current = await read(key);
      const count = current ? Number(current.v) + 1 : 1;
      const resetAt = current ? current.e : now() + windowMs;
      await write(key, {v: String(count), e: resetAt});
      return {count, resetAt};
    },
  };
}

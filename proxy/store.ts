/**
 * Short-lived shared state of the proxy (idempotency records, status cache, rate-limit counters) behind one small
 * interface, so a deployment with several instances can plug in shared storage (Workers KV, Redis, Durable Objects).
 */

/** Key-value storage with expiry. Values are strings (JSON) so any backing store fits. */
export interface ProxyStore {
  /** The value, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores a value for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Counts one hit in a fixed window that opens at the first hit and lasts `windowMs`.
   * @returns the hits so far in the window and when it closes (epoch milliseconds).
   */
  hit(key: string, windowMs: number): Promise<{count: number; resetAt: number}>;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The default store: one process's memory, bounded (oldest entries go first) and expiring lazily, so it needs no
 * timers (Workers forbid them outside requests). Shared by nothing: each Node process or Worker isolate has its own.
 */
export class MemoryStore implements ProxyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: {maxEntries?: number; now?: () => number} = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** How many entries are held, expired ones included until they are touched or evicted. */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#put(key, {value, expiresAt: this.#now() + ttlMs});
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async hit(key: string, windowMs: number): Promise<{count: number; resetAt: number}> {
    const entry = this.#live(key);
    const count = entry ? Number(entry.value) + 1 : 1;
    const resetAt = entry ? entry.expiresAt : this.#now() + windowMs;
    this.#put(key, {value: String(count), expiresAt: resetAt});
    return {count, resetAt};
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #put(key: string, entry: Entry): void {
    // Re-inserting moves the key to the end, so the Map's order is oldest-write first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    for (const oldKey of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldKey);
    }
  }
}

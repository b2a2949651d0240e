import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {kvStore, type KvNamespaceLike} from '../../proxy/kv-store.js';
import {enforceRateLimit} from '../../proxy/rate-limit.js';
import {ProxyError} from '../../proxy/errors.js';
import {MemoryStore, type ProxyStore} from '../../proxy/store.js';

/** A KV namespace in a Map, remembering the TTLs it was asked for. */
function fakeKv() {
  const values = new Map<string, string>();
  const ttls = new Map<string, number>();
  const namespace: KvNamespaceLike = {
    async get(key) {
      return values.get(key) ?? null;
    },
    async put(key, value, options) {
      values.set(key, value);
      ttls.set(key, options?.expirationTtl ?? Infinity);
    },
    async delete(key) {
      values.delete(key);
    },
  };
  return {namespace, values, ttls};
}

/** The behaviour every store must have, on a clock the test moves. */
function storeSpec(name: string, make: (now: () => number) => ProxyStore): void {
  describe(name, () => {
    it('returns a value until its time to live is over', async () => {
      let now = 1_000;
      const store = make(() => now);

      await store.set('k', 'v', 3_000);
      now += 2_999;
      const before = await store.get('k');
      now += 1;
      const afterwards = await store.get('k');

      assert.equal(before, 'v');
      assert.equal(afterwards, undefined);
    });

    it('forgets deleted keys', async () => {
      const store = make(() => 0);

      await store.set('k', 'v', 1_000);
      await store.delete('k');

      assert.equal(await store.get('k'), undefined);
    });

    it('counts hits in a window that opens at the first hit', async () => {
      let now = 10_000;
      const store = make(() => now);

      const first = await store.hit('ip', 60_000);
      now += 30_000;
      const second = await store.hit('ip', 60_000);
      now += 30_000;
      const nextWindow = await store.hit('ip', 60_000);

      assert.deepEqual(first, {count: 1, resetAt: 70_000});
      assert.deepEqual(second, {count: 2, resetAt: 70_000});
      assert.deepEqual(nextWindow, {count: 1, resetAt: 130_000});
    });
  });
}

storeSpec('MemoryStore', (now) => new MemoryStore({now}));
storeSpec('kvStore', (now) => kvStore(fakeKv().namespace, {now}));

describe('MemoryStore', () => {
  it('stays within its bound by dropping the oldest entries', async () => {
    const store = new MemoryStore({maxEntries: 3, now: () => 0});

    for (const key of ['a', 'b', 'c', 'd']) await store.set(key, key, 1_000);

    assert.equal(store.size, 3);
    assert.equal(await store.get('a'), undefined);
    assert.equal(await store.get('d'), 'd');
  });
});

describe('kvStore', () => {
  it('asks KV for at least its 60 s minimum TTL while expiring exactly itself', async () => {
    const kv = fakeKv();
    let now = 0;
    const store = kvStore(kv.namespace, {now: () => now});

    await store.set('status:R1', '{}', 3_000);
    now = 3_000;

    assert.equal(kv.ttls.get('palomma-pay:status:R1'), 60);
    assert.equal(await store.get('status:R1'), undefined);
  });
});

describe('enforceRateLimit()', () => {
  it('lets the limit through, then refuses with 429 and Retry-After until the window closes', async () => {
    let now = 0;
    const store = new MemoryStore({now: () => now});
    for (let i = 0; i < 3; i++) await enforceRateLimit(store, 'ip:1', 3, now);
    now = 20_500;

    const refusal = await enforceRateLimit(store, 'ip:1', 3, now).then(
      () => undefined,
      (error: unknown) => error,
    );

    assert.ok(refusal instanceof ProxyError);
    assert.equal(refusal.status, 429);
    assert.equal(refusal.code, 'rate_limited');
    assert.deepEqual(refusal.options.headers, {'Retry-After': '40'});
  });

  it('does nothing when the limit is 0 (off)', async () => {
    const store = new MemoryStore();

    for (let i = 0; i < 100; i++) await enforceRateLimit(store, 'ip:1', 0, 0);

    assert.equal(store.size, 0);
  });
});

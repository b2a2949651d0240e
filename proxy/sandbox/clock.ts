/**
 * The sandbox's sense of time. Every timestamp, expiry and settlement cycle reads this clock, so tests can move
 * time instead of waiting for it.
 */

/** A clock tests can move. */
export interface Clock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by `ms` (a negative value moves it back). */
  advance(ms: number): void;
  /** Jumps the clock to `date`. */
  set(date: Date | string | number): void;
  /** Whether time stands still between `advance` and `set` calls. */
  readonly frozen: boolean;
  /** Calls `listener` after every `advance` or `set`; returns a function that unsubscribes. */
  onChange(listener: () => void): () => void;
}

/** Turns a date-like value into epoch milliseconds, refusing anything that is not a real instant. */
export function toEpochMs(date: Date | string | number): number {
  const ms = date instanceof Date ? date.getTime() : new Date(date).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid date: ${String(date)}`);
  return ms;
}

/**
 * A clock that follows real time shifted by an offset, or, when `frozenAt` is given, stands still at that instant
 * until it is moved (deterministic tests).
 */
export function createClock(options: {frozenAt?: Date | string | number} = {}): Clock {
  const listeners = new Set<() => void>();
  const frozen = options.frozenAt !== undefined;
  let fixed = frozen ? toEpochMs(options.frozenAt!) : 0;
  let offset = 0;
  const now = () => (frozen ? fixed : Date.now() + offset);
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    frozen,
    now,
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`Not a number of milliseconds: ${ms}`);
      // Every timestamp the sandbox writes goes through Date: a clock moved past its range would break them all.
      if (Number.isNaN(new Date(now() + ms).getTime())) {
        throw new RangeError(`Advancing ${ms} ms leaves the range of dates`);
      }
      if (frozen) fixed += ms;
      else offset += ms;
      notify();
    },
    set(date) {
      const target = toEpochMs(date);
      if (frozen) fixed = target;
      else offset = target - Date.now();
      notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

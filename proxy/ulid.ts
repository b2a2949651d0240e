/**
 * ULIDs (https://github.com/ulid/spec): 26 Crockford base32 characters, 10 of time and 16 of randomness, sortable by
 * creation time and safe in URLs and spreadsheets. WebCrypto only, so the proxy on Workers and the sandbox share it.
 */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const maxTime = 2 ** 48 - 1;

/** Whether `value` is written like a ULID (upper case Crockford base32, first character 0–7). */
export function isUlid(value: string): boolean {
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(value);
}

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = alphabet[ms % 32]! + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function randomDigits(): number[] {
  // 256 is a multiple of 32, so every digit is equally likely.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte % 32);
}

/**
 * A ULID factory. Within one millisecond the random part is incremented rather than redrawn, so ids created in the
 * same millisecond still sort in creation order (the ULID spec's monotonic mode).
 */
export function createUlidFactory(): (ms: number) => string {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return (ms) => {
    if (!Number.isInteger(ms) || ms < 0 || ms > maxTime)
      throw new RangeError(`Bad ULID time: ${ms}`);
    if (ms === lastTime) {
      let i = 15;
      while (i >= 0 && lastRandom[i] === 31) lastRandom[i--] = 0;
      // 2^80 ids in one millisecond cannot happen; wrapping would merely lose ordering, not uniqueness of time.
      if (i >= 0) lastRandom[i]! += 1;
    } else {
      lastTime = ms;
      lastRandom = randomDigits();
    }
    return encodeTime(ms) + lastRandom.map((digit) => alphabet[digit]).join('');
  };
}

/**
 * A ULID for the given time (default now) with 80 fresh random bits. Not monotonic on purpose: references made from
 * it must not be guessable from another one made in the same millisecond.
 */
export function ulid(nowMs: number = Date.now()): string {
  return (
    encodeTime(Math.floor(nowMs)) +
    randomDigits()
      .map((digit) => alphabet[digit])
      .join('')
  );
}

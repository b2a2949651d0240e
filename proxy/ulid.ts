/** ULIDs (https://github.com/ulid/spec): sortable by time, 80 random bits, safe in URLs and spreadsheets. */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 26-character ULID for the given time, random bits from WebCrypto (Node, browsers and Workers alike). */
export function ulid(nowMs: number = Date.now()): string {
  let time = '';
  let rest = Math.floor(nowMs);
  for (let i = 0; i < 10; i++) {
    time = alphabet[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let random = '';
  for (const byte of bytes) random += alphabet[byte % 32];
  return time + random;
}

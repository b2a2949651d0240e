/**
 * SHA-256 and HMAC-SHA256 as lowercase hex, on WebCrypto only (Node, workerd, browsers): the checkout signatures,
 * the sandbox's webhook signatures and the proxy's idempotency keys all use these.
 */

const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    {name: 'HMAC', hash: 'SHA-256'},
    false,
    [usage],
  );
}

/** Lowercase hex SHA-256 of a UTF-8 text. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Lowercase hex HMAC-SHA256 of `message`, keyed with the UTF-8 bytes of `secret`. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return toHex(
    await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(message)),
  );
}

/**
 * Whether `signature` (hex, either case) is the HMAC-SHA256 of `message`. WebCrypto's verify compares in constant
 * time, so the answer's timing says nothing about how much of a forged signature was right.
 */
export async function verifyHmacSha256Hex(
  secret: string,
  message: string,
  signature: string,
): Promise<boolean> {
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  const mac = Uint8Array.from(signature.match(/../g)!, (pair) => parseInt(pair, 16));
  return crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret, 'verify'),
    mac,
    encoder.encode(message),
  );
}

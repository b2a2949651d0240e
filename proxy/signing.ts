/**
 * Signed checkouts: the merchant's backend fixes amount, description, reference, contract and expiry with an
 * HMAC-SHA256 keyed by `PALOMMA_SIGNING_SECRET`, and the proxy checks it. WebCrypto only, so it runs on Workers.
 *
 * Canonical message (UTF-8, fields joined by a single "\n", no trailing newline):
 *
 *     palomma-pay/v1
 *     <amount>          whole COP, digits only
 *     <reference>       as sent, [A-Za-z0-9][A-Za-z0-9._-]{0,63}
 *     <contract>        empty line when there is no contract
 *     <expires>         Unix time in seconds, digits only
 *     <description>     trimmed
 *
 * Signature: lowercase hex of HMAC-SHA256(secret as UTF-8 bytes, message). Description and contract may not
 * contain line breaks, so no two checkouts share a message.
 */
import {PALOMMA_MAX_AMOUNT, PALOMMA_MIN_AMOUNT, Reference} from '../widget/contract.js';

/** What a signature fixes. */
export interface SignedFields {
  amount: number;
  description: string;
  reference: string;
  contract?: string | undefined;
  /** Unix time in seconds after which the proxy refuses the checkout. */
  expires: number;
}

const encoder = new TextEncoder();
const VERSION = 'palomma-pay/v1';

/**
 * The exact bytes that are signed, as a string.
 * @throws {TypeError} when a field could never pass the proxy's checks.
 */
export function canonicalCheckout(fields: SignedFields): string {
  const {amount, reference, expires} = fields;
  const description = fields.description.trim();
  const contract = fields.contract?.trim() ?? '';
  if (!Number.isSafeInteger(amount) || amount < PALOMMA_MIN_AMOUNT || amount > PALOMMA_MAX_AMOUNT) {
    throw new TypeError(
      `amount must be a whole number of COP from ${PALOMMA_MIN_AMOUNT} to ${PALOMMA_MAX_AMOUNT}`,
    );
  }
  if (!Reference.safeParse(reference).success) {
    throw new TypeError(
      'reference must be 1–64 letters, digits or "-_.", starting with a letter or digit',
    );
  }
  if (description === '' || description.length > 200 || /[\r\n]/.test(description)) {
    throw new TypeError('description must be one line of 1–200 characters');
  }
  if (contract.length > 32 || /[\r\n]/.test(contract)) {
    throw new TypeError('contract must be one line of at most 32 characters');
  }
  if (!Number.isSafeInteger(expires) || expires <= 0) {
    throw new TypeError('expires must be a Unix time in seconds');
  }
  return [VERSION, String(amount), reference, contract, String(expires), description].join('\n');
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    {name: 'HMAC', hash: 'SHA-256'},
    false,
    ['sign', 'verify'],
  );
}

/**
 * Signs a checkout for the `signature` attribute of `<palomma-pay>`.
 * @returns the lowercase hex HMAC-SHA256 of {@link canonicalCheckout}.
 */
export async function signCheckout(fields: SignedFields, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    encoder.encode(canonicalCheckout(fields)),
  );
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether `signature` is the HMAC of these fields. WebCrypto's verify compares in constant time, so the answer's
 * timing says nothing about how much of a forged signature was right.
 */
export async function verifyCheckoutSignature(
  fields: SignedFields,
  signature: string,
  secret: string,
): Promise<boolean> {
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  let message: string;
  try {
    message = canonicalCheckout(fields);
  } catch {
    return false;
  }
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = parseInt(signature.slice(i * 2, i * 2 + 2), 16);
  return crypto.subtle.verify('HMAC', await hmacKey(secret), mac, encoder.encode(message));
}

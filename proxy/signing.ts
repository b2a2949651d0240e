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
import {PALOMMA_MAX_AMOUNT, PALOMMA_MIN_AMOUNT, Reference, maxLengths} from '../widget/contract.js';
import {hmacSha256Hex, verifyHmacSha256Hex} from './hex-crypto.js';

/** What a signature fixes. */
export interface SignedFields {
  amount: number;
  description: string;
  reference: string;
  contract?: string | undefined;
  /** Unix time in seconds after which the proxy refuses the checkout. */
  expires: number;
}

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
  if (
    description === '' ||
    description.length > maxLengths.description ||
    /[\r\n]/.test(description)
  ) {
    throw new TypeError(`description must be one line of 1–${maxLengths.description} characters`);
  }
  if (contract.length > maxLengths.contract || /[\r\n]/.test(contract)) {
    throw new TypeError(`contract must be one line of at most ${maxLengths.contract} characters`);
  }
  if (!Number.isSafeInteger(expires) || expires <= 0) {
    throw new TypeError('expires must be a Unix time in seconds');
  }
  return [VERSION, String(amount), reference, contract, String(expires), description].join('\n');
}

/**
 * Signs a checkout for the `signature` attribute of `<palomma-pay>`.
 * @returns the lowercase hex HMAC-SHA256 of {@link canonicalCheckout}.
 */
export function signCheckout(fields: SignedFields, secret: string): Promise<string> {
  return hmacSha256Hex(secret, canonicalCheckout(fields));
}

/** Whether `signature` is the HMAC of these fields, compared in constant time. */
export async function verifyCheckoutSignature(
  fields: SignedFields,
  signature: string,
  secret: string,
): Promise<boolean> {
  let message: string;
  try {
    message = canonicalCheckout(fields);
  } catch {
    return false;
  }
  return verifyHmacSha256Hex(secret, message, signature);
}

/**
 * Webhook signing, in web-standard crypto only so the proxy can verify on Node and on Workers alike. Palomma does not
 * document its algorithm; its earlier APIs signed with hex HMAC-SHA256, keyed with the merchant's integrity key, over
 * an `X-Encoded-Data` header holding the base64 of the body, sent as `X-Signature`. That is the default here, and
 * both sides are pluggable.
 */
import {hmacSha256Hex, verifyHmacSha256Hex} from '../hex-crypto.js';

/** Produces the signature headers for one webhook body. */
export type WebhookSigner = (body: string) => Promise<Record<string, string>>;

const encoder = new TextEncoder();

function toBase64(text: string): string {
  let binary = '';
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(data: string): string | undefined {
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(
      Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

/** The default signer: `X-Encoded-Data` = base64(body), `X-Signature` = hex HMAC-SHA256(integrityKey, that base64). */
export function hmacSigner(integrityKey: string): WebhookSigner {
  return async (body) => {
    const encoded = toBase64(body);
    const signature = await hmacSha256Hex(integrityKey, encoded);
    return {'X-Encoded-Data': encoded, 'X-Signature': signature};
  };
}

/** The outcome of checking a received webhook. */
export type WebhookVerification =
  | {ok: true; payload: unknown}
  | {ok: false; reason: 'missing_headers' | 'bad_signature' | 'body_mismatch' | 'invalid_json'};

/**
 * Checks a webhook signed by `hmacSigner`: the signature over `X-Encoded-Data` (compared in constant time by
 * WebCrypto), and that header's content equal to the body. Returns the parsed payload when both hold.
 */
export async function verifyWebhook(
  headers: Headers | Record<string, string | undefined>,
  body: string,
  integrityKey: string,
): Promise<WebhookVerification> {
  const get = (name: string) =>
    headers instanceof Headers
      ? (headers.get(name) ?? undefined)
      : (headers[name] ?? headers[name.toLowerCase()]);
  const encoded = get('X-Encoded-Data');
  const signature = get('X-Signature');
  if (!encoded || !signature) return {ok: false, reason: 'missing_headers'};
  const valid = await verifyHmacSha256Hex(integrityKey, encoded, signature);
  if (!valid) return {ok: false, reason: 'bad_signature'};
  if (fromBase64(encoded) !== body) return {ok: false, reason: 'body_mismatch'};
  try {
    return {ok: true, payload: JSON.parse(body)};
  } catch {
    return {ok: false, reason: 'invalid_json'};
  }
}

/**
 * The plain facts of the widget<->proxy wire: error codes, Palomma's bounds, field limits and the reference pattern.
 * They live apart from the zod schemas in `contract.ts` (which re-exports them) so the widget can use them without
 * carrying zod into its size-bound bundle.
 */

/** Every error code the proxy answers with; the widget maps each one to a shopper message. */
export const errorCodes = [
  'invalid_request',
  'invalid_json',
  'origin_not_allowed',
  'bad_signature',
  'signature_expired',
  'amount_not_allowed',
  'unknown_item',
  'body_too_large',
  'unsupported_media_type',
  'rate_limited',
  'upstream_error',
  'upstream_timeout',
  'internal',
] as const;

/** A stable, documented error code. */
export type ErrorCode = (typeof errorCodes)[number];

/** Palomma's own bounds for one invoice, in whole COP. */
export const PALOMMA_MIN_AMOUNT = 3_000;
export const PALOMMA_MAX_AMOUNT = 550_000_000;

/** The longest text the proxy accepts per request field, so the widget can cap its inputs to match. */
export const maxLengths = {
  item: 64,
  description: 200,
  contract: 32,
  signature: 256,
  documentNumber: 32,
  customerName: 120,
} as const;

/** What a merchant reference looks like, as a plain pattern the widget checks attributes with without zod. */
export const referencePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

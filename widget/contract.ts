/**
 * The wire between `<palomma-pay>` and the merchant's proxy. The widget and the proxy both import this file, so one
 * definition rules both sides. zod/mini keeps the widget small.
 */
import * as z from 'zod/mini';
import {documentTypes, normalizeDocument} from './documents.js';
import {maxLengths, referencePattern} from './limits.js';

export {
  errorCodes,
  maxLengths,
  PALOMMA_MAX_AMOUNT,
  PALOMMA_MIN_AMOUNT,
  referencePattern,
  type ErrorCode,
} from './limits.js';

/** The error envelope every failing proxy route answers with. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Palomma's document type codes. */
export const DocumentType = z.enum(documentTypes);

/** Merchant references: letters, digits and `-_.`, so they survive URLs, logs and spreadsheets. */
export const Reference = z.string().check(z.regex(referencePattern));

/**
 * What the widget posts to `POST {endpoint}/checkout`. Which amount fields count is the proxy's policy. Parsing
 * also normalizes `documentNumber` to what Palomma receives (no dots or dashes; a NIT without its check digit).
 */
export const CheckoutRequest = z.pipe(
  z.object({
    amount: z.optional(z.int().check(z.positive())),
    item: z.optional(text(maxLengths.item)),
    description: z.optional(text(maxLengths.description)),
    reference: z.optional(Reference),
    contract: z.optional(text(maxLengths.contract)),
    signature: z.optional(text(maxLengths.signature)),
    expires: z.optional(z.int().check(z.positive())),
    documentType: DocumentType,
    documentNumber: z.string().check(z.maxLength(maxLengths.documentNumber)),
    customerName: z.optional(z.string().check(z.trim(), z.maxLength(maxLengths.customerName))),
  }),
  z.transform((body, ctx) => {
    const result = normalizeDocument(body.documentType, body.documentNumber);
    if ('problem' in result) {
      ctx.issues.push({
        code: 'custom',
        input: body.documentNumber,
        path: ['documentNumber'],
        message: result.problem,
      });
      return z.NEVER;
    }
    return {...body, documentNumber: result.number};
  }),
);
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

/** The invoice states Palomma reports. */
export const InvoiceStatus = z.enum(['ready', 'paid', 'cancelled', 'chargeback']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** `201` answer of `POST /checkout`: the invoice just created, and the link to send the shopper to at once. */
export const CheckoutResponse = z.object({
  id: z.string(),
  reference: z.string(),
  amount: z.number(),
  status: InvoiceStatus,
  expirationDate: z.string(),
  paymentUrl: z.string(),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

/** `GET /status/:reference`: the truth about one payment, and nothing about the customer. */
export const StatusResponse = z.object({
  reference: z.string(),
  status: InvoiceStatus,
  amount: z.number(),
  paymentMethod: z.optional(z.string()),
  paymentDate: z.optional(z.string()),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** `GET /config`: what the widget may show and which origins it may leave for. */
export const PublicConfig = z.object({
  mode: z.enum(['sandbox', 'live']),
  /** Origins a `paymentUrl` may point to (https Palomma hosts; the local sandbox's origin in sandbox mode). */
  paymentOrigins: z.array(z.string()),
  amount: z.object({
    open: z.boolean(),
    min: z.number(),
    max: z.number(),
  }),
  items: z.array(z.object({id: z.string(), amount: z.number(), description: z.string()})),
});
export type PublicConfig = z.infer<typeof PublicConfig>;

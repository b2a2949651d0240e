/**
 * What the sandbox accepts, exactly as Palomma documents it (`POST /invoices`, `GET /invoices`,
 * `GET /settlements/{date}/{cycle}`). Where the docs are silent the sandbox is the stricter reading, so a client that
 * passes here does not fail on the real API: empty `contract` / `customerName` and non-http(s) `redirectUrl` are
 * refused.
 */
import * as z from 'zod/mini';
import {documentTypes} from '../../../widget/documents.js';
import {PALOMMA_MAX_AMOUNT, PALOMMA_MIN_AMOUNT} from '../../../widget/limits.js';
import {settlementCycleHours} from '../settlement.js';

const nonEmpty = () => z.string().check(z.minLength(1));

/** The body of `POST /invoices`. Unknown fields are ignored, as JSON APIs usually do. */
export const CreateInvoiceBody = z.object({
  reference: nonEmpty(),
  amount: z.int().check(z.gte(PALOMMA_MIN_AMOUNT), z.lte(PALOMMA_MAX_AMOUNT)),
  description: nonEmpty(),
  redirectUrl: z.url({protocol: /^https?$/}),
  customerDocumentNumber: nonEmpty(),
  documentType: z.optional(z.enum(documentTypes)),
  customerName: z.optional(nonEmpty()),
  contract: z.optional(nonEmpty()),
});
export type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;

/** The message sent back in `error.fields` for each field of a refused create. */
export const createInvoiceFieldMessages: Record<keyof CreateInvoiceBody, string> = {
  reference: 'required: a non-empty string',
  amount: `required: an integer from ${PALOMMA_MIN_AMOUNT} to ${PALOMMA_MAX_AMOUNT} (whole COP)`,
  description: 'required: a non-empty string',
  redirectUrl: 'required: an absolute http(s) URL',
  customerDocumentNumber: 'required: a non-empty string',
  documentType: `optional: one of ${documentTypes.join(', ')}`,
  customerName: 'optional: a non-empty string',
  contract: 'optional: a non-empty string (default "00000")',
};

const isoDate = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/),
    // A real calendar day: 2026-02-30 matches the pattern but is not a date. Runs even when the regex failed.
    z.refine((value) => {
      const ms = Date.parse(`${value}T00:00:00Z`);
      return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value);
    }),
  );

/** A settlement cycle as written in a path or filter: its hour (`16`, `16:00`) or its number in the day (`1`–`5`). */
export const SettlementCycle = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const hour = parseSettlementCycle(value);
    if (hour === undefined) {
      ctx.issues.push({code: 'custom', input: value, message: 'unknown cycle'});
      return z.NEVER;
    }
    return hour;
  }),
);

/** The settlement hour (11, 13, 16, 18 or 20) a cycle name stands for, or undefined. */
export function parseSettlementCycle(value: string): number | undefined {
  const match = /^(\d{1,2})(?::00)?$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]);
  if (settlementCycleHours.includes(n)) return n;
  if (n >= 1 && n <= settlementCycleHours.length && match[0].length === 1) {
    return settlementCycleHours[n - 1];
  }
  return undefined;
}

/** The query of `GET /invoices`. */
export const ListInvoicesQuery = z.object({
  reference: z.optional(nonEmpty()),
  customerDocumentNumber: z.optional(nonEmpty()),
  contract: z.optional(nonEmpty()),
  paymentDate: z.optional(isoDate()),
  settlementDate: z.optional(isoDate()),
  settlementCycle: z.optional(SettlementCycle),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/)),
      z.pipe(
        z.transform((value: string) => Number(value)),
        z.int().check(z.gte(1), z.lte(100)),
      ),
    ),
  ),
  cursor: z.optional(nonEmpty()),
});
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

/** The message sent back in `error.fields` for each refused list parameter. */
export const listInvoicesFieldMessages: Record<keyof ListInvoicesQuery, string> = {
  reference: 'a non-empty string',
  customerDocumentNumber: 'a non-empty string',
  contract: 'a non-empty string',
  paymentDate: 'a date YYYY-MM-DD',
  settlementDate: 'a date YYYY-MM-DD',
  settlementCycle: `a cycle hour (${settlementCycleHours.join(', ')}) or its number 1–${settlementCycleHours.length}`,
  limit: 'an integer from 1 to 100',
  cursor: 'the cursor of a previous page',
};

/** The path parameters of `GET /settlements/{date}/{cycle}`. */
export const SettlementParams = z.object({date: isoDate(), cycle: SettlementCycle});

/** Turns zod issues into `{field: message}` using the given messages for known fields. */
export function fieldErrors(
  issues: readonly {path: readonly PropertyKey[]}[],
  messages: Record<string, string>,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'body';
    fields[field] ??= messages[field] ?? 'invalid';
  }
  return fields;
}

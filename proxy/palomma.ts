/**
 * Typed client of the Palomma invoices API. `fetch` is injected (a keep-alive transport on Node, the platform's
 * on Workers, a fake in tests); every reply is validated before use and no upstream body ever leaves this file.
 */
import * as z from 'zod/mini';
import {InvoiceStatus} from '../widget/contract.js';

/** An invoice as Palomma returns it (only what the proxy reads is required beyond the documented fields). */
export const Invoice = z.object({
  id: z.string().check(z.minLength(1)),
  status: InvoiceStatus,
  amount: z.number(),
  description: z.string(),
  contract: z.string(),
  customerDocumentNumber: z.string(),
  createdAt: z.string(),
  paymentUrl: z.string(),
  reference: z.optional(z.string()),
  expirationDate: z.optional(z.string()),
  customerName: z.optional(z.string()),
  // Kept as plain strings: a new payment method upstream must not break the return page.
  paymentMethod: z.optional(z.string()),
  paymentDate: z.optional(z.string()),
});
export type Invoice = z.infer<typeof Invoice>;

const InvoiceList = z.object({items: z.array(Invoice)});

/** The body of `POST /invoices`. */
export interface CreateInvoiceBody {
  reference: string;
  amount: number;
  description: string;
  redirectUrl: string;
  customerDocumentNumber: string;
  documentType?: string;
  customerName?: string;
  contract?: string;
}

/** Why an upstream call failed. Carries the status, never the body. */
export class PalommaError extends Error {
  override readonly name = 'PalommaError';

  constructor(
    readonly kind: 'timeout' | 'network' | 'status' | 'invalid_response',
    message: string,
    readonly status?: number,
    options?: {cause?: unknown},
  ) {
    super(message, options);
  }

  /** A failure after which the request may or may not have been applied upstream. */
  get uncertain(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      (this.kind === 'status' && this.status !== undefined && this.status >= 500)
    );
  }
}

/** Filled in by the client so the caller can log the upstream status and time of one operation. */
export interface UpstreamTrace {
  status?: number;
  ms: number;
  calls: number;
}

/** The operations the proxy needs. */
export interface PalommaClient {
  /**
   * Creates an invoice. After an uncertain failure it looks the reference up before doing anything else, and
   * creates again (once) only after a failure that a timeout cannot explain: never two invoices for one reference.
   */
  createInvoice(body: CreateInvoiceBody, trace?: UpstreamTrace): Promise<Invoice>;
  /** Every invoice with this reference (Palomma does not promise references are unique). */
  findInvoices(reference: string, trace?: UpstreamTrace): Promise<Invoice[]>;
}

/** Settings of {@link createPalommaClient}. */
export interface PalommaClientOptions {
  apiUrl: string;
  apiKey: string;
  /** Per attempt, covering the reply's body too. */
  timeoutMs: number;
  fetch: typeof fetch;
  now?: () => number;
}

/** A client bound to one API URL and key. */
export function createPalommaClient(options: PalommaClientOptions): PalommaClient {
  const {apiUrl, apiKey, timeoutMs, fetch: send} = options;
  const now = options.now ?? Date.now;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodMiniType<T>,
    body: unknown,
    trace: UpstreamTrace | undefined,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = now();
    // Without the query: a reference is not secret, but error messages stay short and uniform.
    const what = `${method} ${path.split('?')[0]}`;
    try {
      let response: Response;
      try {
        response = await send(`${apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${apiKey}`,
            accept: 'application/json',
            ...(body === undefined ? {} : {'content-type': 'application/json'}),
          },
          ...(body === undefined ? {} : {body: JSON.stringify(body)}),
          // Palomma's API does not redirect, and workerd's fetch would carry the Bearer key to any other origin.
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (cause) {
        throw controller.signal.aborted
          ? new PalommaError('timeout', `${what} timed out after ${timeoutMs} ms`, undefined, {
              cause,
            })
          : new PalommaError('network', `${what} failed to connect`, undefined, {cause});
      }
      if (trace) trace.status = response.status;
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw new PalommaError(
          controller.signal.aborted ? 'timeout' : 'network',
          `${what} reply was cut off`,
          response.status,
          {cause},
        );
      }
      if (!response.ok) {
        throw new PalommaError('status', `${what} answered ${response.status}`, response.status);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new PalommaError('invalid_response', `${what} reply is not JSON`, response.status, {
          cause,
        });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new PalommaError(
          'invalid_response',
          `${what} reply does not match the documented shape`,
          response.status,
        );
      }
      return parsed.data;
    } finally {
      clearTimeout(timer);
      if (trace) {
        trace.ms += now() - started;
        trace.calls += 1;
      }
    }
  }

  const findInvoices = async (reference: string, trace?: UpstreamTrace): Promise<Invoice[]> => {
    const query = `/invoices?reference=${encodeURIComponent(reference)}&limit=100`;
    const list = await call('GET', query, InvoiceList, undefined, trace);
    // Filters again: a lax upstream filter must not hand out another checkout's invoice.
    return list.items.filter((invoice) => invoice.reference === reference);
  };

  const createInvoice = async (
    body: CreateInvoiceBody,
    trace?: UpstreamTrace,
  ): Promise<Invoice> => {
    try {
      return await call('POST', '/invoices', Invoice, body, trace);
    } catch (error) {
      if (!(error instanceof PalommaError) || !error.uncertain) throw error;
      let existing: Invoice | undefined;
      try {
        existing = (await findInvoices(body.reference, trace)).find(
          (invoice) => invoice.amount === body.amount,
        );
      } catch {
        throw error;
      }
      if (existing) return existing;
      // A timed-out create may still land later, so only a definite failure is retried.
      if (error.kind === 'timeout') throw error;
      return call('POST', '/invoices', Invoice, body, trace);
    }
  };

  return {createInvoice, findInvoices};
}

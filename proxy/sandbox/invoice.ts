/** The invoice as the sandbox keeps it, and the JSON Palomma answers for it. */
import type {DocumentType} from '../../widget/documents.js';

/** Palomma's invoice states. There is no `expired` state. */
export const invoiceStatuses = ['ready', 'paid', 'cancelled', 'chargeback'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** Palomma's payment methods, with the label the hosted page shows for each. */
export const paymentMethods = ['pse', 'nequiButton', 'bancolombiaButton', 'breb', 'card'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** The channels an invoice can be paid through. */
export const paymentSources = ['whatsapp', 'portal', 'link'] as const;
export type PaymentSource = (typeof paymentSources)[number];

/** Validity of a link after creation: exactly five minutes. */
export const LINK_LIFETIME_MS = 5 * 60 * 1000;

/** The fields Palomma adds once an invoice is paid (kept on a chargeback). */
export interface Payment {
  paymentDate: string;
  paymentMethod: PaymentMethod;
  paymentSource: PaymentSource;
  paymentAmount: number;
  settlementDate: string;
  settlementTime: string;
  paymentId: string;
}

/** A payment started on the hosted page and not finished yet: the link does not expire meanwhile. */
export interface Transaction {
  method: PaymentMethod;
  startedAtMs: number;
  /** When it finishes by itself (sandbox clock); undefined waits for a test control. */
  completesAtMs?: number;
}

/** Everything the sandbox stores about one invoice. */
export interface InvoiceRecord {
  /** Creation order, used by list cursors (ids stay sortable even if a test moves the clock back). */
  readonly seq: number;
  readonly id: string;
  readonly merchant: string;
  status: InvoiceStatus;
  readonly reference: string;
  readonly amount: number;
  readonly description: string;
  readonly contract: string;
  readonly customerDocumentNumber: string;
  readonly customerName?: string;
  readonly documentType?: DocumentType;
  readonly redirectUrl: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  payment?: Payment;
  transaction?: Transaction;
}

/** The invoice exactly as Palomma's API answers it: no `redirectUrl`, no `documentType`. */
export interface InvoiceJson {
  id: string;
  reference: string;
  status: InvoiceStatus;
  amount: number;
  description: string;
  contract: string;
  expirationDate: string;
  customerDocumentNumber: string;
  customerName?: string;
  createdAt: string;
  paymentUrl: string;
  paymentDate?: string;
  paymentMethod?: PaymentMethod;
  paymentSource?: PaymentSource;
  paymentAmount?: number;
  settlementDate?: string;
  settlementTime?: string;
  paymentId?: string;
}

/** ISO 8601 in UTC with milliseconds and `Z`, as Palomma writes times. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The hosted page address of an invoice on the given origin. */
export function paymentUrlOf(record: InvoiceRecord, origin: string): string {
  return `${origin.replace(/\/+$/, '')}/pay/${encodeURIComponent(record.merchant)}/${record.id}`;
}

/** Whether an unpaid link has run out (a transaction in progress holds expiry off). */
export function isExpired(record: InvoiceRecord, nowMs: number): boolean {
  return record.status === 'ready' && !record.transaction && nowMs >= record.expiresAtMs;
}

/** The API's JSON for an invoice, in Palomma's field order. */
export function toInvoiceJson(record: InvoiceRecord, origin: string): InvoiceJson {
  const json: InvoiceJson = {
    id: record.id,
    reference: record.reference,
    status: record.status,
    amount: record.amount,
    description: record.description,
    contract: record.contract,
    expirationDate: isoTime(record.expiresAtMs),
    customerDocumentNumber: record.customerDocumentNumber,
    ...(record.customerName === undefined ? {} : {customerName: record.customerName}),
    createdAt: isoTime(record.createdAtMs),
    paymentUrl: paymentUrlOf(record, origin),
  };
  if (record.payment && (record.status === 'paid' || record.status === 'chargeback')) {
    Object.assign(json, record.payment);
  }
  return json;
}

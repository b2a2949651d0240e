/**
 * The invoice lifecycle: create, read, list, pay, decline, pending transactions, expiry and later status changes.
 * Every rule that decides what the API reports about an invoice lives here; routes only translate HTTP.
 */
import {getRandomValues} from 'node:crypto';
import type {Clock} from './clock.js';
import {SandboxError} from './errors.js';
import {
  LINK_LIFETIME_MS,
  isExpired,
  isoTime,
  type InvoiceRecord,
  type InvoiceStatus,
  type PaymentMethod,
  type PaymentSource,
} from './invoice.js';
import {expectedSettlement, formatCycle} from './settlement.js';
import type {InvoiceStore} from './store.js';
import type {CreateInvoiceBody, ListInvoicesQuery} from './validate/schemas.js';
import {createUlidFactory} from '../ulid.js';

/** What to do when a `reference` is created a second time (Palomma does not document it). */
export const duplicateReferenceModes = [
  'allow',
  'reject-409',
  'reject-400',
  'return-existing',
] as const;
export type DuplicateReferenceMode = (typeof duplicateReferenceModes)[number];

/** How a finished-but-failed payment leaves the invoice: still payable (`ready`) or `cancelled`. */
export type DeclineStatus = 'ready' | 'cancelled';

/** The lifecycle rules that Palomma leaves undocumented, chosen per sandbox. */
export interface LifecycleOptions {
  /** Merchant id in `paymentUrl`s. */
  merchant: string;
  /** Merchant name the hosted page shows. Default: the id. */
  merchantName?: string;
  /** What an unpaid, expired invoice reports. Default `ready` (Palomma has no `expired` status). */
  expiredStatus: 'ready' | 'cancelled';
  /** What a declined payment leaves. Default `ready`: the shopper may try again until the link expires. */
  declineStatus: DeclineStatus;
  /** Sandbox milliseconds after which a pending transaction finishes by itself; `null` waits for a test control. */
  pendingDelayMs: number | null;
  /** How a pending transaction finishes by itself. */
  pendingOutcome: 'paid' | 'declined';
  /** Fill a missing `customerName` the way Palomma's example response does. Default false. */
  fillCustomerName: boolean;
}

/** A later change made by a test control. */
export interface StatusChange {
  status: InvoiceStatus;
  /** For `paid`: the method (default `pse`). */
  paymentMethod?: PaymentMethod;
  /** For `paid`: the channel (default `portal`, as a payment that did not go through the link). */
  paymentSource?: PaymentSource;
  /** For `paid`: the amount actually paid (default the invoice amount). */
  paymentAmount?: number;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function paymentId(): string {
  return `payin_${Array.from(getRandomValues(new Uint8Array(6)), (b) => base62[b % 62]).join('')}`;
}

function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({v: 1, s: seq})).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'v' in parsed &&
      parsed.v === 1 &&
      's' in parsed &&
      Number.isInteger(parsed.s)
    ) {
      return parsed.s as number;
    }
  } catch {
    // falls through to the error below: a cursor is either ours or invalid
  }
  throw new SandboxError(400, 'invalid_request', 'Invalid query', {
    cursor: 'the cursor of a previous page',
  });
}

/** The invoice lifecycle over a store and a clock. */
export class Invoices {
  private readonly _ulid = createUlidFactory();

  constructor(
    private readonly _store: InvoiceStore,
    private readonly _clock: Clock,
    /** Current rules; read at each call so a test can change them on a running sandbox. */
    readonly options: LifecycleOptions,
    /** Called once when an invoice reaches a final status (paid, cancelled, chargeback). */
    private readonly _onFinal: (record: InvoiceRecord) => void,
  ) {}

  /** Creates an invoice, or applies the duplicate-reference rule. `existing` is true when an old one is returned. */
  create(
    body: CreateInvoiceBody,
    duplicate: DuplicateReferenceMode,
  ): {record: InvoiceRecord; existing: boolean} {
    if (duplicate !== 'allow') {
      const [previous] = this._store.byReference(body.reference);
      if (previous) {
        if (duplicate === 'return-existing')
          return {record: this.refresh(previous), existing: true};
        throw new SandboxError(
          duplicate === 'reject-409' ? 409 : 400,
          'duplicate_reference',
          `An invoice with reference ${body.reference} already exists`,
          {reference: 'already used'},
        );
      }
    }
    const now = this._clock.now();
    const customerName =
      body.customerName ?? (this.options.fillCustomerName ? 'Cliente Sandbox' : undefined);
    const record: InvoiceRecord = {
      seq: this._store.nextSeq(),
      id: this._ulid(now),
      merchant: this.options.merchant,
      status: 'ready',
      reference: body.reference,
      amount: body.amount,
      description: body.description,
      contract: body.contract ?? '00000',
      customerDocumentNumber: body.customerDocumentNumber,
      ...(customerName === undefined ? {} : {customerName}),
      ...(body.documentType === undefined ? {} : {documentType: body.documentType}),
      redirectUrl: body.redirectUrl,
      createdAtMs: now,
      expiresAtMs: now + LINK_LIFETIME_MS,
    };
    this._store.add(record);
    return {record, existing: false};
  }

  /** One invoice, brought up to date with the clock. */
  get(id: string): InvoiceRecord | undefined {
    const record = this._store.get(id);
    return record && this.refresh(record);
  }

  /** One invoice or a 404. */
  require(id: string): InvoiceRecord {
    const record = this.get(id);
    if (!record) throw new SandboxError(404, 'not_found', `No invoice ${id}`);
    return record;
  }

  /** A page of `GET /invoices`, newest first. */
  list(query: ListInvoicesQuery): {items: InvoiceRecord[]; cursor: string | null} {
    const limit = query.limit ?? 20;
    const before = query.cursor === undefined ? Infinity : decodeCursor(query.cursor);
    const candidates =
      query.reference === undefined
        ? this._store.newestFirst()
        : this._store.byReference(query.reference);
    const items: InvoiceRecord[] = [];
    for (const record of candidates) {
      if (record.seq >= before) continue;
      this.refresh(record);
      if (!matches(record, query)) continue;
      if (items.length === limit) return {items, cursor: encodeCursor(items.at(-1)!.seq)};
      items.push(record);
    }
    return {items, cursor: null};
  }

  /** Applies what the clock implies: a due pending transaction finishes, an expired link may become cancelled. */
  refresh(record: InvoiceRecord): InvoiceRecord {
    const now = this._clock.now();
    const tx = record.transaction;
    if (tx?.completesAtMs !== undefined && now >= tx.completesAtMs) {
      this.complete(record.id, this.options.pendingOutcome, tx.completesAtMs);
    }
    if (this.options.expiredStatus === 'cancelled' && isExpired(record, now)) {
      this._finish(record, 'cancelled');
    }
    return record;
  }

  /** Brings every open invoice up to date (called when the clock moves and periodically). */
  sweep(): void {
    for (const record of this._store.values()) {
      if (record.status === 'ready') this.refresh(record);
    }
  }

  /** Whether the hosted page may still take a payment for this invoice. */
  isPayable(record: InvoiceRecord): boolean {
    return (
      record.status === 'ready' && !record.transaction && !isExpired(record, this._clock.now())
    );
  }

  /** The shopper approved on the hosted page: the invoice is paid through the link. */
  pay(id: string, method: PaymentMethod): InvoiceRecord {
    const record = this._payable(id);
    this._markPaid(record, method, 'link', record.amount, this._clock.now());
    return record;
  }

  /** The shopper's payment failed on the hosted page. */
  decline(id: string): InvoiceRecord {
    const record = this._payable(id);
    if (this.options.declineStatus === 'cancelled') this._finish(record, 'cancelled');
    return record;
  }

  /** The shopper started a payment that finishes later (a bank still deciding): the link stops expiring. */
  startPending(id: string, method: PaymentMethod): InvoiceRecord {
    const record = this._payable(id);
    const now = this._clock.now();
    const delay = this.options.pendingDelayMs;
    record.transaction = {
      method,
      startedAtMs: now,
      ...(delay === null ? {} : {completesAtMs: now + delay}),
    };
    return record;
  }

  /** Finishes a pending transaction now (test control), or at `atMs` when it came due. */
  complete(id: string, outcome: 'paid' | 'declined', atMs = this._clock.now()): InvoiceRecord {
    const record = this._store.get(id);
    if (!record) throw new SandboxError(404, 'not_found', `No invoice ${id}`);
    const tx = record.transaction;
    if (!tx)
      throw new SandboxError(409, 'invalid_state', `Invoice ${id} has no payment in progress`);
    delete record.transaction;
    if (outcome === 'paid') this._markPaid(record, tx.method, 'link', record.amount, atMs);
    else if (this.options.declineStatus === 'cancelled') this._finish(record, 'cancelled');
    return record;
  }

  /** A later change no shopper on the link made: paid through the portal or WhatsApp, a chargeback, a cancel. */
  setStatus(id: string, change: StatusChange): InvoiceRecord {
    const record = this._store.get(id);
    if (!record) throw new SandboxError(404, 'not_found', `No invoice ${id}`);
    delete record.transaction;
    const now = this._clock.now();
    switch (change.status) {
      case 'paid':
        this._markPaid(
          record,
          change.paymentMethod ?? 'pse',
          change.paymentSource ?? 'portal',
          change.paymentAmount ?? record.amount,
          now,
        );
        break;
      case 'chargeback':
        if (record.status !== 'paid' || !record.payment) {
          throw new SandboxError(409, 'invalid_state', 'Only a paid invoice can be charged back');
        }
        this._finish(record, 'chargeback');
        break;
      case 'cancelled':
        this._finish(record, 'cancelled');
        break;
      case 'ready':
        record.status = 'ready';
        delete record.payment;
        break;
    }
    return record;
  }

  private _payable(id: string): InvoiceRecord {
    const record = this.require(id);
    if (!this.isPayable(record)) {
      throw new SandboxError(409, 'invalid_state', `Invoice ${id} cannot be paid now`);
    }
    return record;
  }

  private _markPaid(
    record: InvoiceRecord,
    method: PaymentMethod,
    source: PaymentSource,
    amount: number,
    atMs: number,
  ): void {
    const settlement = expectedSettlement(atMs);
    record.payment = {
      paymentDate: isoTime(atMs),
      paymentMethod: method,
      paymentSource: source,
      paymentAmount: amount,
      settlementDate: settlement.date,
      settlementTime: formatCycle(settlement.hour),
      paymentId: paymentId(),
    };
    this._finish(record, 'paid');
  }

  private _finish(record: InvoiceRecord, status: InvoiceStatus): void {
    if (record.status === status) return;
    record.status = status;
    delete record.transaction;
    this._onFinal(record);
  }
}

function matches(record: InvoiceRecord, query: ListInvoicesQuery): boolean {
  const p = record.payment;
  const paid = record.status === 'paid' || record.status === 'chargeback';
  return (
    (query.customerDocumentNumber === undefined ||
      record.customerDocumentNumber === query.customerDocumentNumber) &&
    (query.contract === undefined || record.contract === query.contract) &&
    (query.paymentDate === undefined ||
      (paid && p?.paymentDate.slice(0, 10) === query.paymentDate)) &&
    (query.settlementDate === undefined || (paid && p?.settlementDate === query.settlementDate)) &&
    (query.settlementCycle === undefined ||
      (paid && p?.settlementTime === formatCycle(query.settlementCycle)))
  );
}

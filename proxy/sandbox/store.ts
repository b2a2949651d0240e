/**
 * In-memory invoice storage, bounded: past `maxInvoices` the oldest invoice is forgotten, so a long demo or a load
 * test cannot exhaust memory.
 */
import type {InvoiceRecord} from './invoice.js';

/** The invoices the sandbox remembers, oldest first, with the indexes the API needs. */
export class InvoiceStore {
  private readonly _byId = new Map<string, InvoiceRecord>();
  private readonly _byReference = new Map<string, Set<string>>();
  private _seq = 0;

  constructor(readonly maxInvoices: number) {
    if (!Number.isInteger(maxInvoices) || maxInvoices < 1) {
      throw new RangeError(`maxInvoices must be a positive integer, got ${maxInvoices}`);
    }
  }

  /** How many invoices are remembered. */
  get size(): number {
    return this._byId.size;
  }

  /** The next creation sequence number. */
  nextSeq(): number {
    return ++this._seq;
  }

  /** Stores a new invoice, evicting the oldest ones beyond the bound; returns the evicted records. */
  add(record: InvoiceRecord): InvoiceRecord[] {
    this._byId.set(record.id, record);
    let ids = this._byReference.get(record.reference);
    if (!ids) this._byReference.set(record.reference, (ids = new Set()));
    ids.add(record.id);
    const evicted: InvoiceRecord[] = [];
    while (this._byId.size > this.maxInvoices) {
      const oldest = this._byId.values().next().value!;
      this.delete(oldest.id);
      evicted.push(oldest);
    }
    return evicted;
  }

  /** Forgets one invoice. */
  delete(id: string): void {
    const record = this._byId.get(id);
    if (!record) return;
    this._byId.delete(id);
    const ids = this._byReference.get(record.reference);
    ids?.delete(id);
    if (ids?.size === 0) this._byReference.delete(record.reference);
  }

  /** One invoice by id. */
  get(id: string): InvoiceRecord | undefined {
    return this._byId.get(id);
  }

  /** The invoices carrying a reference, newest first. */
  byReference(reference: string): InvoiceRecord[] {
    const ids = this._byReference.get(reference);
    if (!ids) return [];
    return [...ids].map((id) => this._byId.get(id)!).sort((a, b) => b.seq - a.seq);
  }

  /** Every invoice, oldest first. */
  values(): IterableIterator<InvoiceRecord> {
    return this._byId.values();
  }

  /** Every invoice, newest first. */
  newestFirst(): InvoiceRecord[] {
    return [...this._byId.values()].reverse();
  }

  /** Forgets everything (the sequence keeps counting, so old cursors stay harmless). */
  clear(): void {
    this._byId.clear();
    this._byReference.clear();
  }
}

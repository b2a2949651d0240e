/**
 * `createSandbox()`: the local Palomma emulator as one Hono app (API under `/v1` and without prefix, the hosted
 * payment page, test controls under `/__sandbox`), with its clock, invoices, faults and webhooks exposed for tests.
 */
import {Hono} from 'hono';
import {mountAdmin} from './admin.js';
import {apiErrorResponse, apiMiddleware, mountApi, type ApiDeps, type ApiEnv} from './api.js';
import {createClock, type Clock} from './clock.js';
import {SandboxError, sendError} from './errors.js';
import {Faults, type FaultSettings} from './faults.js';
import {toInvoiceJson, type InvoiceJson, type InvoiceRecord} from './invoice.js';
import {Invoices, type DuplicateReferenceMode, type LifecycleOptions} from './invoices.js';
import {mountPayPage} from './pay-page.js';
import {statePage} from './pay-page.html.js';
import {cyclesBetween, settlementReport} from './settlement.js';
import {InvoiceStore} from './store.js';
import {WebhookSender, type WebhookOptions} from './webhooks.js';

/** How a sandbox behaves. Only `origin` is required. */
export interface SandboxOptions extends Partial<LifecycleOptions> {
  /** The public origin `paymentUrl`s point to, e.g. `http://localhost:8788` (changeable later: `sandbox.origin`). */
  origin: string;
  /** Accepted Bearer keys. Default: any non-empty key. */
  apiKeys?: readonly string[];
  /** Freezes the clock at this instant (it then moves only through the clock controls). Default: real time. */
  now?: Date | string | number;
  /** Supplies a clock instead (overrides `now`). */
  clock?: Clock;
  /** How many invoices are remembered before the oldest is evicted. Default 10 000. */
  maxInvoices?: number;
  /** Largest accepted request body, in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  /** What creating an existing `reference` does. Default `allow`. */
  duplicateReference?: DuplicateReferenceMode;
  /** Standing faults (all off by default). */
  faults?: Partial<Omit<FaultSettings, 'duplicateReference'>>;
  /** Webhook delivery; off when absent. */
  webhook?: WebhookOptions;
  /** Share of each payment a settlement keeps as fee. Default 0. */
  settlementFeeRate?: number;
  /** Real-time period at which due pending payments finish and expiries apply. Default 1000 ms. */
  sweepIntervalMs?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Serves the API, the hosted page and the test controls. */
  readonly app: Hono;
  /** The controllable clock all timestamps come from. */
  readonly clock: Clock;
  /** The origin `paymentUrl`s point to. */
  origin: string;
  /** The invoice lifecycle (`get`, `setStatus`, `complete`, `pay`, `decline`, `startPending`, …). */
  readonly invoices: Invoices;
  /** Fault settings and the one-shot fault queue. */
  readonly faults: Faults;
  /** Webhook settings and delivery log. */
  readonly webhooks: WebhookSender;
  /** Every remembered invoice, newest first, as stored (including `redirectUrl` and `documentType`). */
  list(): InvoiceRecord[];
  /** An invoice as the API answers it. */
  view(record: InvoiceRecord): InvoiceJson;
  /** Settlement fee rate (changeable). */
  settlementFeeRate: number;
  /** Forgets every invoice, fault and webhook log entry. The clock and options stay. */
  reset(): void;
  /** Ends hanging requests, pending waits, retries and timers. */
  close(): Promise<void>;
}

/** Creates a sandbox. Nothing listens: serve `sandbox.app.fetch` (see `startSandboxServer`) or call `app.request`. */
export function createSandbox(options: SandboxOptions): Sandbox {
  const closer = new AbortController();
  const clock =
    options.clock ?? createClock(options.now === undefined ? {} : {frozenAt: options.now});
  const store = new InvoiceStore(options.maxInvoices ?? 10_000);
  const faults = new Faults({...options.faults, duplicateReference: options.duplicateReference});
  const webhooks = new WebhookSender(options.webhook, clock, closer.signal);
  let origin = new URL(options.origin).origin;
  const lifecycle: LifecycleOptions = {
    merchant: options.merchant ?? 'sandbox_merchant',
    ...(options.merchantName === undefined ? {} : {merchantName: options.merchantName}),
    expiredStatus: options.expiredStatus ?? 'ready',
    declineStatus: options.declineStatus ?? 'ready',
    pendingDelayMs: options.pendingDelayMs === undefined ? 30_000 : options.pendingDelayMs,
    pendingOutcome: options.pendingOutcome ?? 'paid',
    fillCustomerName: options.fillCustomerName ?? false,
  };
  const invoices = new Invoices(store, clock, lifecycle, (record) => {
    webhooks.send('invoice', record.id, toInvoiceJson(record, origin));
  });

  const app = new Hono<ApiEnv>();
  const sandbox: Sandbox = {
    app: app as unknown as Hono,
    clock,
    get origin() {
      return origin;
    },
    set origin(value: string) {
      origin = new URL(value).origin;
    },
    invoices,
    faults,
    webhooks,
    list: () => store.newestFirst(),
    view: (record) => toInvoiceJson(record, origin),
    settlementFeeRate: options.settlementFeeRate ?? 0,
    reset() {
      store.clear();
      faults.clear();
      webhooks.clearLog();
    },
    async close() {
      closer.abort();
      clearInterval(sweeper);
      stopWatchingClock();
      await webhooks.idle();
    },
  };

  const deps: ApiDeps = {
    invoices,
    store,
    faults,
    clock,
    origin: () => origin,
    apiKeys: options.apiKeys,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    settlementFeeRate: () => sandbox.settlementFeeRate,
    closing: closer.signal,
  };
  app.use(apiMiddleware(deps));
  mountApi(app, '/v1', deps);
  mountApi(app, '', deps);
  mountPayPage(app as unknown as Hono, {invoices, clock});
  mountAdmin(app as unknown as Hono, sandbox, lifecycle);
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.notFound((c) => {
    if (c.req.path.startsWith('/pay/')) return c.html(statePage('not-found').value, 404);
    return sendError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`);
  });
  app.onError((error, c) => {
    if (!(error instanceof SandboxError)) console.error('sandbox: unexpected error', error);
    return apiErrorResponse(c, error);
  });

  // A settlement webhook when a cycle with payments closes, like an invoice's on its final status.
  let settledUpTo = clock.now();
  const announceSettlements = () => {
    const now = clock.now();
    for (const {date, hour} of cyclesBetween(settledUpTo, now)) {
      const report = settlementReport(store.values(), date, hour, now, sandbox.settlementFeeRate);
      if (report.invoiceCount > 0) webhooks.send('settlement', `${date}/${report.cycle}`, report);
    }
    settledUpTo = now;
  };
  const sweep = () => {
    invoices.sweep();
    announceSettlements();
  };

  // Pending payments, expiries and settlements follow the clock: applied when a test moves it, and every second.
  const stopWatchingClock = clock.onChange(sweep);
  const sweeper = setInterval(sweep, options.sweepIntervalMs ?? 1000);
  sweeper.unref();

  return sandbox;
}

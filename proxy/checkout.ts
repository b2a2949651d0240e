/**
 * Turns a resolved checkout into exactly one Palomma invoice: repeats within the link's lifetime get the invoice
 * already made (from the store, from a create still in flight, or from Palomma by reference), never a second one.
 */
import type {CheckoutResponse} from '../widget/contract.js';
import type {ResolvedCheckout} from './amounts.js';
import type {ProxyConfig} from './config.js';
import {ProxyError} from './errors.js';
import type {Shopper} from './idempotency.js';
import type {Invoice, PalommaClient, UpstreamTrace} from './palomma.js';
import {isAllowedPaymentUrl} from './payment-url.js';
import type {ProxyStore} from './store.js';
import {ulid} from './ulid.js';

/** Palomma links expire five minutes after creation. */
export const LINK_LIFETIME_MS = 5 * 60_000;
/** An invoice is handed out again only while the shopper still has this long to pay. */
export const REUSE_MARGIN_MS = 30_000;

/** What one idempotency record holds: the reference chosen first, and the answer once made (no customer data). */
interface CheckoutRecord {
  reference: string;
  invoice?: CheckoutResponse;
}

/** The collaborators of {@link createInvoiceOnce}. */
export interface CheckoutContext {
  config: ProxyConfig;
  client: PalommaClient;
  store: ProxyStore;
  now: () => number;
  /** Creates in progress in this instance, so concurrent double submits share one upstream call. */
  inflight: Map<string, Promise<CheckoutResponse>>;
}

/** The answer to one checkout. */
export interface CheckoutOutcome {
  invoice: CheckoutResponse;
  /** True when an earlier invoice was handed out again. */
  reused: boolean;
}

/** When a link stops working; Palomma may omit `expirationDate`, which is then `createdAt` + 5 minutes. */
function expiryOf(invoice: Invoice): number {
  const explicit = invoice.expirationDate ? Date.parse(invoice.expirationDate) : NaN;
  return Number.isNaN(explicit) ? Date.parse(invoice.createdAt) + LINK_LIFETIME_MS : explicit;
}

/** A URL's origin, or what kept it from having one, for log lines. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an unparsable URL';
  }
}

/** The checkout answer for an upstream invoice: safe fields only, and only with an allowed payment link. */
function toResponse(invoice: Invoice, reference: string, config: ProxyConfig): CheckoutResponse {
  if (!isAllowedPaymentUrl(invoice.paymentUrl, config.paymentOrigins)) {
    // Never forward a link to a host that is not Palomma's, whatever the upstream says. The origin is for the
    // operator's log only: a new Palomma host, or someone between the proxy and Palomma.
    throw new ProxyError(
      'upstream_error',
      'Palomma returned a payment link on a host that is not allowed.',
      {cause: `paymentUrl on ${originOf(invoice.paymentUrl)}, not in PALOMMA_PAYMENT_HOSTS`},
    );
  }
  const expires = expiryOf(invoice);
  if (Number.isNaN(expires)) {
    throw new ProxyError('upstream_error', 'Palomma returned an invoice without a readable date.');
  }
  return {
    id: invoice.id,
    reference: invoice.reference ?? reference,
    amount: invoice.amount,
    status: invoice.status,
    expirationDate: new Date(expires).toISOString(),
    paymentUrl: invoice.paymentUrl,
  };
}

/** Whether the shopper can still pay this invoice for this checkout. */
function reusable(
  status: string,
  amount: number,
  expires: number,
  checkout: ResolvedCheckout,
  nowMs: number,
): boolean {
  return status === 'ready' && amount === checkout.amount && expires - nowMs > REUSE_MARGIN_MS;
}

/** A stored record, or nothing when absent or unreadable (a store shared with an older version). */
function readRecord(stored: string | undefined): CheckoutRecord | undefined {
  if (stored === undefined) return undefined;
  try {
    const record = JSON.parse(stored) as CheckoutRecord;
    return typeof record.reference === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

/** `returnUrl` with `?reference=`; a path is resolved against the proxy's public origin. */
export function redirectUrlFor(returnUrl: string, base: string, reference: string): string {
  const url = new URL(returnUrl, base);
  url.searchParams.set('reference', reference);
  return url.href;
}

/**
 * Creates the invoice for a checkout, or hands out the one already made for the same checkout.
 * @param key the checkout's idempotency key ({@link checkoutKey}).
 * @param base origin a path-only return URL is resolved against.
 */
export async function createInvoiceOnce(
  context: CheckoutContext,
  checkout: ResolvedCheckout,
  shopper: Shopper,
  key: string,
  base: string,
  trace: UpstreamTrace,
): Promise<CheckoutOutcome> {
  const {config, client, store, now, inflight} = context;
  const record = readRecord(await store.get(key));
  const previous = record?.invoice;
  if (
    previous &&
    reusable(previous.status, previous.amount, Date.parse(previous.expirationDate), checkout, now())
  ) {
    return {invoice: previous, reused: true};
  }
  const running = inflight.get(key);
  if (running) return {invoice: await running, reused: true};

  const remember = async (
    invoice: CheckoutResponse,
    reference: string,
  ): Promise<CheckoutResponse> => {
    const ttl = Date.parse(invoice.expirationDate) - REUSE_MARGIN_MS - now();
    if (ttl > 0)
      await store.set(key, JSON.stringify({reference, invoice} satisfies CheckoutRecord), ttl);
    return invoice;
  };

  const create = async (): Promise<CheckoutResponse> => {
    let reference = checkout.reference ?? record?.reference;
    // A fixed reference, or one an earlier attempt used, may already have an invoice upstream (another instance,
    // a create that timed out but landed): look before creating.
    if (reference !== undefined) {
      const existing = await client.findInvoices(reference, trace);
      const open = existing.find((invoice) =>
        reusable(invoice.status, invoice.amount, expiryOf(invoice), checkout, now()),
      );
      if (open) return remember(toResponse(open, reference, config), reference);
      if (
        existing.some((invoice) => invoice.status === 'paid' || invoice.status === 'chargeback')
      ) {
        if (checkout.mode === 'signed') {
          throw new ProxyError(
            'signature_expired',
            'This signed checkout was already paid: sign a new one.',
          );
        }
        reference = undefined;
      }
    }
    reference ??= `${checkout.referencePrefix}-${ulid(now())}`;
    await store.set(key, JSON.stringify({reference} satisfies CheckoutRecord), LINK_LIFETIME_MS);
    const invoice = toResponse(
      await client.createInvoice(
        {
          reference,
          amount: checkout.amount,
          description: checkout.description,
          redirectUrl: redirectUrlFor(config.returnUrl, base, reference),
          customerDocumentNumber: shopper.documentNumber,
          documentType: shopper.documentType,
          ...(shopper.customerName ? {customerName: shopper.customerName} : {}),
          ...(checkout.contract !== undefined ? {contract: checkout.contract} : {}),
        },
        trace,
      ),
      reference,
      config,
    );
    return remember(invoice, reference);
  };

  const promise = create();
  inflight.set(key, promise);
  try {
    return {invoice: await promise, reused: false};
  } finally {
    inflight.delete(key);
  }
}

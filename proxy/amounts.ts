/**
 * The amount policy: which amount, description and reference the proxy will charge for a checkout request.
 * The page is public, so nothing it sends is trusted unless a mode the merchant enabled vouches for it:
 * a signature (signed), the proxy's catalog (catalog) or a configured range (open).
 */
import type {CheckoutRequest} from '../widget/contract.js';
import type {ProxyConfig} from './config.js';
import {ProxyError} from './errors.js';
import {verifyCheckoutSignature} from './signing.js';

/** What will be charged, decided by the proxy. */
export interface ResolvedCheckout {
  readonly mode: 'signed' | 'catalog' | 'open';
  readonly amount: number;
  readonly description: string;
  readonly contract?: string;
  /** The exact reference to use: only a signed checkout fixes it. */
  readonly reference?: string;
  /** Start of a generated reference (`<prefix>-<ULID>`) when none is fixed. */
  readonly referencePrefix: string;
  /** The catalog item, for logs and idempotency. */
  readonly item?: string;
}

/** Room left for `-` and a ULID inside the 64 characters a reference may have. */
const MAX_PREFIX = 64 - 27;

/**
 * Applies the amount policy to a validated request.
 * @throws {ProxyError} `bad_signature`, `signature_expired`, `unknown_item`, `amount_not_allowed` or
 * `invalid_request`.
 */
export async function resolveCheckout(
  config: ProxyConfig,
  request: CheckoutRequest,
  nowMs: number,
): Promise<ResolvedCheckout> {
  if (request.signature !== undefined || request.expires !== undefined) {
    return resolveSigned(config, request, nowMs);
  }
  // An unsigned page reference only names the checkout: it cannot collide with (or take over) a real one.
  const referencePrefix = request.reference?.slice(0, MAX_PREFIX) ?? config.referencePrefix;
  if (request.item !== undefined) return resolveCatalog(config, request, referencePrefix);
  return resolveOpen(config, request, referencePrefix);
}

async function resolveSigned(
  config: ProxyConfig,
  request: CheckoutRequest,
  nowMs: number,
): Promise<ResolvedCheckout> {
  if (config.signingSecret === undefined) {
    throw new ProxyError(
      'bad_signature',
      'Signed checkouts are not enabled: set PALOMMA_SIGNING_SECRET.',
    );
  }
  const {amount, description, reference, contract, expires, signature} = request;
  const missing: Record<string, string> = {};
  if (amount === undefined) missing.amount = 'required';
  if (description === undefined) missing.description = 'required';
  if (reference === undefined) missing.reference = 'required';
  if (expires === undefined) missing.expires = 'required';
  if (signature === undefined) missing.signature = 'required';
  if (request.item !== undefined) missing.item = 'not_with_signature';
  if (Object.keys(missing).length > 0) {
    throw new ProxyError(
      'invalid_request',
      'A signed checkout needs amount, description, reference, expires and signature.',
      {
        fields: missing,
      },
    );
  }
  const fields = {
    amount: amount!,
    description: description!,
    reference: reference!,
    contract,
    expires: expires!,
  };
  if (!(await verifyCheckoutSignature(fields, signature!, config.signingSecret))) {
    throw new ProxyError(
      'bad_signature',
      'The signature does not match amount, description, reference, contract and expires.',
    );
  }
  // Checked after the signature, so only the merchant's own checkouts can learn that they expired.
  if (fields.expires * 1000 <= nowMs) {
    throw new ProxyError('signature_expired', 'This signed checkout has expired: sign a new one.');
  }
  return {
    mode: 'signed',
    amount: fields.amount,
    description: fields.description,
    ...(contract !== undefined ? {contract} : {}),
    reference: fields.reference,
    referencePrefix: config.referencePrefix,
  };
}

function resolveCatalog(
  config: ProxyConfig,
  request: CheckoutRequest,
  referencePrefix: string,
): ResolvedCheckout {
  const item = config.catalog.find((entry) => entry.id === request.item);
  if (item === undefined) {
    throw new ProxyError('unknown_item', `No catalog item "${request.item}".`, {
      fields: {item: 'unknown'},
    });
  }
  if (request.amount !== undefined && request.amount !== item.amount) {
    throw new ProxyError(
      'amount_not_allowed',
      `Item "${item.id}" costs ${item.amount}; the page sent another amount.`,
      {
        fields: {amount: 'mismatch'},
      },
    );
  }
  const contract = item.contract ?? request.contract;
  return {
    mode: 'catalog',
    amount: item.amount,
    description: item.description,
    ...(contract !== undefined ? {contract} : {}),
    referencePrefix,
    item: item.id,
  };
}

function resolveOpen(
  config: ProxyConfig,
  request: CheckoutRequest,
  referencePrefix: string,
): ResolvedCheckout {
  const {amount} = request;
  if (amount === undefined) {
    throw new ProxyError(
      'invalid_request',
      'Send an amount, a catalog item or a signed checkout.',
      {
        fields: {amount: 'required'},
      },
    );
  }
  if (!config.openAmount) {
    throw new ProxyError(
      'amount_not_allowed',
      'Open amounts are disabled: use a signed checkout or a catalog item (or set PALOMMA_OPEN_AMOUNT=true).',
    );
  }
  if (amount < config.minAmount || amount > config.maxAmount) {
    throw new ProxyError(
      'amount_not_allowed',
      `The amount must be between ${config.minAmount} and ${config.maxAmount} COP.`,
      {
        fields: {amount: amount < config.minAmount ? 'too_small' : 'too_large'},
      },
    );
  }
  return {
    mode: 'open',
    amount,
    description: request.description ?? config.defaultDescription,
    ...(request.contract !== undefined ? {contract: request.contract} : {}),
    referencePrefix,
  };
}

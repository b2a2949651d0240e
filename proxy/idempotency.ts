/**
 * "The same checkout" (design principle 3), as a key:
 * - signed: the signature itself, which already covers amount, description, reference, contract and expiry;
 * - otherwise: SHA-256 over everything that would go into the invoice (mode, amount, description, contract,
 *   catalog item, reference prefix, document type, normalized document number, customer name) plus the optional
 *   `Idempotency-Key` header the widget may send once per page load.
 * A repeat within the link's lifetime therefore gets the invoice already made instead of a second one.
 */
import type {ResolvedCheckout} from './amounts.js';
import {sha256Hex} from './hex-crypto.js';

/** What the shopper entered, normalized (the document as Palomma receives it). */
export interface Shopper {
  documentType: string;
  documentNumber: string;
  customerName?: string | undefined;
}

/** The store key of a checkout's idempotency record. */
export async function checkoutKey(
  checkout: ResolvedCheckout,
  shopper: Shopper,
  signature: string | undefined,
  idempotencyKey: string | undefined,
): Promise<string> {
  if (checkout.mode === 'signed' && signature !== undefined)
    return `checkout:signed:${signature.toLowerCase()}`;
  const material = JSON.stringify([
    checkout.mode,
    checkout.amount,
    checkout.description,
    checkout.contract ?? null,
    checkout.item ?? null,
    checkout.referencePrefix,
    shopper.documentType,
    shopper.documentNumber,
    shopper.customerName ?? null,
    idempotencyKey ?? null,
  ]);
  return `checkout:${await sha256Hex(material)}`;
}

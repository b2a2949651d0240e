/**
 * The module entry: defines `<palomma-pay>` and `<palomma-pay-status>` and re-exports the public types. Safe to
 * load twice (a second copy leaves the first definitions alone) and to import on a server, where there is no
 * `customElements` to define into.
 */
import {define} from './define.js';
import {PalommaPayStatus} from './palomma-pay-status.js';
import {PalommaPay} from './palomma-pay.js';

export {PalommaPay, PalommaPayStatus};
export * from './events.js';
export type {PalommaErrorCode, Messages, MessageOverrides} from './messages.js';
export {defaultMessages} from './messages.js';
export type {RedirectTarget} from './redirect.js';
export type {
  CheckoutRequest,
  CheckoutResponse,
  ErrorCode,
  InvoiceStatus,
  PublicConfig,
  StatusResponse,
} from './contract.js';
export type {DocumentType} from './documents.js';
export type {PalommaPayAttributes, PalommaPayStatusAttributes} from './jsx.js';

define('palomma-pay', PalommaPay);
define('palomma-pay-status', PalommaPayStatus);

/**
 * The events `<palomma-pay>` and `<palomma-pay-status>` fire. Each is a `CustomEvent` subclass with a typed
 * `detail`; all bubble and cross shadow roots (`composed`) so a listener anywhere on the page hears them.
 */
import type {CheckoutRequest, CheckoutResponse, StatusResponse} from './contract.js';
import type {PalommaErrorCode} from './messages.js';
import type {RedirectTarget} from './redirect.js';

const init = {bubbles: true, composed: true} as const;

/** Detail of `palomma-ready`. */
export interface PalommaReadyDetail {
  /** `sandbox` when the proxy runs against the local emulator or Palomma's sandbox, `live` otherwise. */
  mode: 'sandbox' | 'live';
  /** The amount the button will charge, when it is already known (fixed, signed or catalog). */
  amount?: number;
}

/** The widget has loaded the proxy's public settings and can take a payment. */
export class PalommaReadyEvent extends CustomEvent<PalommaReadyDetail> {
  static readonly eventName = 'palomma-ready';
  constructor(detail: PalommaReadyDetail) {
    super(PalommaReadyEvent.eventName, {...init, detail});
  }
}

/** Detail of `palomma-submit`. */
export interface PalommaSubmitDetail {
  /** The body about to be posted to `{endpoint}/checkout`. */
  request: CheckoutRequest;
}

/** The shopper submitted a valid form; cancel it (`preventDefault()`) to stop the request. */
export class PalommaSubmitEvent extends CustomEvent<PalommaSubmitDetail> {
  static readonly eventName = 'palomma-submit';
  constructor(detail: PalommaSubmitDetail) {
    super(PalommaSubmitEvent.eventName, {...init, cancelable: true, detail});
  }
}

/** Detail of `palomma-invoice`: the invoice the proxy created. */
export type PalommaInvoiceDetail = Pick<
  CheckoutResponse,
  'id' | 'reference' | 'amount' | 'status' | 'expirationDate' | 'paymentUrl'
>;

/** The proxy created the invoice; the shopper is about to leave for its payment page. */
export class PalommaInvoiceEvent extends CustomEvent<PalommaInvoiceDetail> {
  static readonly eventName = 'palomma-invoice';
  constructor(detail: PalommaInvoiceDetail) {
    super(PalommaInvoiceEvent.eventName, {...init, detail});
  }
}

/** Detail of `palomma-redirect`. */
export interface PalommaRedirectDetail {
  /** The Palomma payment page, already checked against the proxy's allowed payment origins. */
  url: string;
  /** Where the widget will open it. */
  target: RedirectTarget;
  /** The invoice's merchant reference. */
  reference: string;
}

/** The widget is about to navigate; cancel it (`preventDefault()`) to navigate yourself, e.g. in a single-page app. */
export class PalommaRedirectEvent extends CustomEvent<PalommaRedirectDetail> {
  static readonly eventName = 'palomma-redirect';
  constructor(detail: PalommaRedirectDetail) {
    super(PalommaRedirectEvent.eventName, {...init, cancelable: true, detail});
  }
}

/** Detail of `palomma-error`. */
export interface PalommaErrorDetail {
  /** Stable code to branch on: the proxy's code, or `network_error`, `network_timeout`, `invalid_response`, `config_error`. */
  code: PalommaErrorCode;
  /** The text shown to the shopper. */
  message: string;
  /** Whether trying again unchanged can succeed. */
  retryable: boolean;
  /** The request field at fault, when there is one (`documentNumber`, `amount`, …). */
  field?: string;
}

/** Something failed; the shopper sees `message`, your code branches on `code`. */
export class PalommaErrorEvent extends CustomEvent<PalommaErrorDetail> {
  static readonly eventName = 'palomma-error';
  constructor(detail: PalommaErrorDetail) {
    super(PalommaErrorEvent.eventName, {...init, detail});
  }
}

/** `<palomma-pay-status>` learned the payment's state from the proxy. */
export class PalommaStatusEvent extends CustomEvent<StatusResponse> {
  static readonly eventName = 'palomma-status';
  constructor(detail: StatusResponse) {
    super(PalommaStatusEvent.eventName, {...init, detail});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'palomma-ready': PalommaReadyEvent;
    'palomma-submit': PalommaSubmitEvent;
    'palomma-invoice': PalommaInvoiceEvent;
    'palomma-redirect': PalommaRedirectEvent;
    'palomma-error': PalommaErrorEvent;
    'palomma-status': PalommaStatusEvent;
  }
}

/** The one typed error of the proxy: a stable code from the shared list, its HTTP status and a developer message. */
import type {ErrorBody, ErrorCode} from '../widget/contract.js';

/** The HTTP status each error code answers with (design.md, "The proxy's HTTP API"). */
export const errorStatus = {
  invalid_request: 400,
  invalid_json: 400,
  origin_not_allowed: 403,
  bad_signature: 403,
  signature_expired: 403,
  amount_not_allowed: 403,
  unknown_item: 404,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

/** An expected failure, answered with the error envelope. The message is for developers and never holds secrets. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';

  constructor(
    /** Stable code the widget maps to a shopper message. */
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      /** Per-field problems (`required`, `format`, …), keyed by request field name. */
      fields?: Record<string, string>;
      /** Overrides the code's usual status (only where design.md's table leaves room, such as 404 on status). */
      status?: number;
      /** Extra response headers, such as `Retry-After`. */
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(message, {cause: options.cause});
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return this.options.status ?? errorStatus[this.code];
  }

  /** The JSON envelope sent to the client. */
  toBody(): ErrorBody {
    const {fields} = this.options;
    return {error: {code: this.code, message: this.message, ...(fields ? {fields} : {})}};
  }
}

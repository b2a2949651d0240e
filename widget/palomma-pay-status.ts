import {LitElement, html, nothing, type PropertyValues} from 'lit';
import type {StatusResponse} from './contract.js';
import {PalommaStatusEvent} from './events.js';
import {resolveMessages, toLang, type MessageOverrides, type Messages} from './messages.js';
import {formatCop} from './money.js';
import {palommaPayStatusStyles} from './palomma-pay-status.styles.js';
import {fetchStatus} from './proxy-client.js';

type Problem = 'noReference' | 'notFound' | 'error';

/**
 * The truth about one payment, for the page Palomma sends the shopper back to. It asks your proxy, which asks
 * Palomma: the return URL's own parameters are never taken as proof of payment. While the invoice is still `ready`
 * (the payment is being confirmed) it asks again a few times.
 *
 * @summary Shows whether a Palomma payment was received, from the proxy's answer.
 * @tagname palomma-pay-status
 *
 * @fires {PalommaStatusEvent} palomma-status - The proxy answered with the payment's state; detail is the StatusResponse.
 *
 * @csspart status - The live region holding the whole status.
 * @csspart title - The headline ("Pago recibido", "Estamos confirmando tu pago", …).
 * @csspart details - The reference, amount, payment method and date.
 * @csspart note - Extra guidance, e.g. to reload later.
 *
 * @cssprop [--palomma-success=#1b6e3a] - Colour of the paid headline.
 * @cssprop [--palomma-danger=#b3261e] - Colour of cancelled, reversed and failed states.
 * @cssprop [--palomma-text=#1b1b24] - Text colour.
 * @cssprop [--palomma-muted=#52525e] - Colour of labels and notes.
 * @cssprop [--palomma-background=transparent] - Background (#17171f in the dark theme).
 * @cssprop [--palomma-font=inherit] - Font family; the host page's font by default.
 */
export class PalommaPayStatus extends LitElement {
  static override styles = palommaPayStatusStyles;

  static override properties = {
    endpoint: {},
    reference: {},
    lang: {reflect: true},
    theme: {reflect: true},
    status: {reflect: true},
    pollInterval: {type: Number, attribute: 'poll-interval'},
    maxPolls: {type: Number, attribute: 'max-polls'},
    messages: {type: Object},
    _result: {state: true},
    _problem: {state: true},
    _exhausted: {state: true},
  };

  /** Base URL of your proxy; the element calls `{endpoint}/status/{reference}`. */
  declare endpoint: string;
  /** The payment's reference; read from the page's `?reference=` when absent. */
  declare reference: string | undefined;
  /** Colour theme: `light` (default), `dark`, or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** The payment's state once known (`ready`, `paid`, `cancelled`, `chargeback`); reflected for styling. */
  declare status: StatusResponse['status'] | undefined;
  /** Milliseconds between checks while the payment is still being confirmed. */
  declare pollInterval: number;
  /** How many more checks to make while the payment is still being confirmed. */
  declare maxPolls: number;
  /** Replaces any of the built-in texts, by key; as a property, or as JSON in the attribute. */
  declare messages: MessageOverrides | undefined;

  declare private _result: StatusResponse | undefined;
  declare private _problem: Problem | undefined;
  declare private _exhausted: boolean;

  private _connection: AbortController | undefined;

  constructor() {
    super();
    this.endpoint = '/api/palomma';
    this.pollInterval = 2_000;
    this.maxPolls = 10;
    this._exhausted = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._restart();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A single-page app may set the reference after the element is on the page.
    if (this.hasUpdated && (changed.has('reference') || changed.has('endpoint'))) this._restart();
  }

  private _restart(): void {
    this._connection?.abort();
    this._connection = new AbortController();
    void this._watch(this._connection.signal);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._connection?.abort();
  }

  private get _m(): Messages {
    return resolveMessages(toLang(this.lang), this.messages);
  }

  /** Asks the proxy, and again a bounded number of times while the invoice is still `ready`. */
  private async _watch(signal: AbortSignal): Promise<void> {
    const reference =
      this.reference || new URLSearchParams(window.location.search).get('reference') || '';
    this._result = undefined;
    this._problem = undefined;
    this._exhausted = false;
    if (!reference) {
      this._problem = 'noReference';
      return;
    }
    for (let attempt = 0; attempt <= this.maxPolls; attempt++) {
      if (attempt > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.pollInterval));
        if (signal.aborted) return;
      }
      try {
        const result = await fetchStatus(this.endpoint, reference, signal);
        if (signal.aborted) return;
        if (!result) {
          this._problem = 'notFound';
          return;
        }
        const changed = result.status !== this._result?.status;
        this._result = result;
        this._problem = undefined;
        this.status = result.status;
        if (changed) this.dispatchEvent(new PalommaStatusEvent(result));
        if (result.status !== 'ready') return;
      } catch {
        if (signal.aborted) return;
        // A failed check while confirming is retried like a `ready` answer; the first one shows the problem.
        if (!this._result) this._problem = 'error';
      }
    }
    this._exhausted = true;
  }

  protected override render() {
    const m = this._m;
    const lang = toLang(this.lang);
    const result = this._result;
    const problem = this._problem;
    const titles = {
      paid: m.statusPaid,
      ready: m.statusReady,
      cancelled: m.statusCancelled,
      chargeback: m.statusChargeback,
    };
    const title = result
      ? titles[result.status]
      : problem === 'noReference'
        ? m.statusNoReference
        : problem === 'notFound'
          ? m.statusNotFound
          : problem === 'error'
            ? m.statusError
            : m.statusLoading;
    const when = result?.paymentDate ? new Date(result.paymentDate) : undefined;
    return html`<div class="root" part="status" role="status" lang=${lang}>
      <p class="title ${problem ? 'problem' : ''}" part="title">${title}</p>
      ${
        result
          ? html`<dl class="details" part="details">
              <dt>${m.statusReference}</dt>
              <dd>${result.reference}</dd>
              <dt>${m.amount}</dt>
              <dd>${formatCop(result.amount, lang)}</dd>
              ${
                result.paymentMethod
                  ? html`<dt>${m.statusMethod}</dt>
                      <dd>${m.paymentMethods[result.paymentMethod] ?? result.paymentMethod}</dd>`
                  : nothing
              }
              ${
                when && !Number.isNaN(when.valueOf())
                  ? html`<dt>${m.statusDate}</dt>
                      <dd>
                        ${when.toLocaleString(lang === 'en' ? 'en-CO' : 'es-CO', {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                        })}
                      </dd>`
                  : nothing
              }
            </dl>`
          : nothing
      }
      ${
        this._exhausted && result?.status === 'ready'
          ? html`<p class="note" part="note">${m.statusReadyLong}</p>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'palomma-pay-status': PalommaPayStatus;
  }
}

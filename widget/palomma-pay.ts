import {LitElement, html, nothing, type PropertyValues} from 'lit';
import type {CheckoutRequest, CheckoutResponse, PublicConfig} from './contract.js';
import {
  documentInputMode,
  documentRule,
  documentTypes,
  normalizeDocument,
  type DocumentType,
} from './documents.js';
import {
  PalommaErrorEvent,
  PalommaInvoiceEvent,
  PalommaReadyEvent,
  PalommaRedirectEvent,
  PalommaSubmitEvent,
} from './events.js';
import {PalommaError} from './http.js';
import {
  fill,
  resolveMessages,
  toLang,
  type MessageOverrides,
  type Messages,
  type PalommaErrorCode,
} from './messages.js';
import {PALOMMA_MAX_AMOUNT, PALOMMA_MIN_AMOUNT, maxLengths, referencePattern} from './limits.js';
import {formatCop, formatTypedCop, parseCop, type Lang} from './money.js';
import {palommaPayStyles} from './palomma-pay.styles.js';
import {createInvoice, loadConfig} from './proxy-client.js';
import {RedirectRefused, allowedPaymentUrl, pageNavigation, toTarget} from './redirect.js';

/** A shopper-editable field, named like the request property it fills. */
type Field = 'amount' | 'documentType' | 'documentNumber' | 'customerName' | 'contract';

/** A field the shopper types into. */
type TextField = Exclude<Field, 'documentType'>;

type Phase = 'idle' | 'pending' | 'redirecting' | 'link';

const retryable = new Set<PalommaErrorCode>([
  'rate_limited',
  'upstream_error',
  'upstream_timeout',
  'internal',
  'network_error',
  'network_timeout',
  'invalid_response',
]);

/**
 * Console hints in `debug` mode for failures only the browser sees. For the proxy's codes the console shows the
 * proxy's own message, which names the setting to change.
 */
const hints: Partial<Record<PalommaErrorCode, string>> = {
  network_error: 'the proxy at `endpoint` is unreachable: check the URL, CORS and the network tab.',
  network_timeout: 'the proxy did not answer within `timeout` ms.',
  invalid_response: "`endpoint` does not answer like palomma-pay's proxy.",
};

/**
 * A payment button and form for Palomma. It posts the shopper's details to your proxy, which creates the invoice,
 * and sends the shopper to Palomma's payment page at once (the link expires five minutes after it is made).
 *
 * @summary Palomma checkout: one element, one proxy, the shopper pays on Palomma.
 * @tagname palomma-pay
 *
 * @fires {PalommaReadyEvent} palomma-ready - The proxy's settings loaded and the form can take a payment.
 * @fires {PalommaSubmitEvent} palomma-submit - The shopper submitted a valid form; cancelable, detail `{request}`.
 * @fires {PalommaInvoiceEvent} palomma-invoice - The proxy created the invoice; detail id, reference, amount, expirationDate, paymentUrl.
 * @fires {PalommaRedirectEvent} palomma-redirect - The shopper is about to leave for Palomma; cancelable, detail `{url, target, reference}`.
 * @fires {PalommaErrorEvent} palomma-error - Something failed; detail `{code, message, retryable, field?}`.
 *
 * @csspart form - The form wrapping everything.
 * @csspart badge - The "Modo de pruebas" badge shown when the proxy runs in sandbox mode.
 * @csspart summary - The concept and amount the shopper is about to pay.
 * @csspart description - The concept inside the summary.
 * @csspart amount - The amount inside the summary.
 * @csspart field - One label, control and error group.
 * @csspart label - A field's visible label.
 * @csspart input - Every text input and the document type select.
 * @csspart select - The document type select.
 * @csspart field-error - The message under a field that failed its check.
 * @csspart button - The pay button.
 * @csspart spinner - The busy indicator inside the button.
 * @csspart status - The polite live region ("Creando tu pago…", "Redirigiendo a Palomma…").
 * @csspart error - The message of a failed payment attempt.
 * @csspart link - The "Continuar al pago" link shown when the page cannot navigate by itself.
 *
 * @cssprop [--palomma-accent=#4527c9] - Button and focus colour.
 * @cssprop [--palomma-accent-text=#ffffff] - Text colour on the accent.
 * @cssprop [--palomma-text=#1b1b24] - Text colour.
 * @cssprop [--palomma-muted=#52525e] - Secondary text colour.
 * @cssprop [--palomma-background=transparent] - Background of the form (#17171f in the dark theme).
 * @cssprop [--palomma-field-background=#ffffff] - Background of inputs.
 * @cssprop [--palomma-border=#74748a] - Input border colour.
 * @cssprop [--palomma-danger=#b3261e] - Error colour.
 * @cssprop [--palomma-success=#1b6e3a] - Colour of a paid status.
 * @cssprop [--palomma-focus-ring=#4527c9] - Keyboard focus outline colour.
 * @cssprop [--palomma-badge-background=#fff1c2] - Background of the sandbox badge.
 * @cssprop [--palomma-badge-text=#553f00] - Text colour of the sandbox badge.
 * @cssprop [--palomma-radius=8px] - Corner radius of inputs and the button.
 * @cssprop [--palomma-spacing=12px] - Gap between fields.
 * @cssprop [--palomma-padding=0] - Padding around the form (16px in the dark theme).
 * @cssprop [--palomma-font=inherit] - Font family; the host page's font by default.
 * @cssprop [--palomma-font-size=max(1rem, 16px)] - Base font size.
 */
export class PalommaPay extends LitElement {
  static override styles = palommaPayStyles;

  static override properties = {
    endpoint: {},
    amount: {type: Number},
    minAmount: {type: Number, attribute: 'min-amount'},
    maxAmount: {type: Number, attribute: 'max-amount'},
    description: {},
    reference: {},
    contract: {},
    askContract: {type: Boolean, attribute: 'ask-contract'},
    item: {},
    signature: {},
    expires: {type: Number},
    documentType: {attribute: 'document-type'},
    documentNumber: {attribute: 'document-number'},
    customerName: {attribute: 'customer-name'},
    lang: {reflect: true},
    theme: {reflect: true},
    target: {},
    disabled: {type: Boolean, reflect: true},
    debug: {type: Boolean},
    timeout: {type: Number},
    messages: {type: Object},
    _config: {state: true},
    _phase: {state: true},
    _errors: {state: true},
    _failure: {state: true},
    _link: {state: true},
    _docType: {state: true},
    _values: {state: true},
  };

  /** Base URL of your proxy; the widget calls `{endpoint}/config` and `{endpoint}/checkout`. */
  declare endpoint: string;
  /** Whole COP to charge, shown read-only; leave it out to let the shopper type the amount. */
  declare amount: number | undefined;
  /** Lowest amount a shopper may type (the proxy enforces its own range too). */
  declare minAmount: number | undefined;
  /** Highest amount a shopper may type (the proxy enforces its own range too). */
  declare maxAmount: number | undefined;
  /** Concept of the invoice, shown above the button (e.g. "Canon marzo"). */
  declare description: string | undefined;
  /** Your reference for the invoice; the proxy makes one when absent. */
  declare reference: string | undefined;
  /** Contract id sent with the invoice; with `ask-contract` it prefills the Contrato field. */
  declare contract: string | undefined;
  /** Shows a required Contrato field for the shopper to fill in. */
  declare askContract: boolean;
  /** Catalog item id: the proxy supplies amount and description. */
  declare item: string | undefined;
  /** Signature your backend computed over the amount, reference and expiry (signed checkout). */
  declare signature: string | undefined;
  /** Expiry of the signature, in Unix seconds (signed checkout). */
  declare expires: number | undefined;
  /** Prefilled document type code (`cc`, `ce`, `nit`, `ti`, `ps`, `ppt`, `rc`, `ne`, `cif`). */
  declare documentType: string | undefined;
  /** Prefilled document number. */
  declare documentNumber: string | undefined;
  /** Prefilled name of the shopper. */
  declare customerName: string | undefined;
  /** Colour theme: `light` (default), `dark`, or `auto` to follow the shopper's system. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Where Palomma's page opens: `self` (default), `top` to leave an iframe, or `blank` for a new tab via a link. */
  declare target: 'self' | 'top' | 'blank' | undefined;
  /** Turns the whole form off. */
  declare disabled: boolean;
  /** Prints a hint on how to fix each error to the console. */
  declare debug: boolean;
  /** Milliseconds to wait for the proxy before giving up with `network_timeout`. */
  declare timeout: number;
  /** Replaces any of the built-in texts, by key (see `Messages`); as a property, or as JSON in the attribute. */
  declare messages: MessageOverrides | undefined;

  declare private _config: PublicConfig | undefined;
  declare private _phase: Phase;
  declare private _errors: Partial<Record<Field, string>>;
  declare private _failure: string | undefined;
  declare private _link: string | undefined;
  declare private _docType: DocumentType;
  declare private _values: Record<TextField, string>;

  private _request: AbortController | undefined;
  private _last: {key: string; invoice: CheckoutResponse; url: string} | undefined;
  private _connection: AbortController | undefined;
  private _stallMs = 8_000;

  constructor() {
    super();
    this.endpoint = '/api/palomma';
    this.askContract = false;
    this.disabled = false;
    this.debug = false;
    this.timeout = 15_000;
    this._phase = 'idle';
    this._errors = {};
    this._docType = 'cc';
    this._values = {amount: '', documentNumber: '', customerName: '', contract: ''};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._connection = new AbortController();
    // Back from Palomma through the back/forward cache: the page is restored as it was left, "Redirigiendo…" and
    // all, so the form must become usable again.
    window.addEventListener(
      'pageshow',
      (event) => {
        if (event.persisted) this._settle();
      },
      {signal: this._connection.signal},
    );
    void this._boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._connection?.abort();
    this._request?.abort();
    this._request = undefined;
    this._phase = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('documentType') && this.documentType) {
      const type = this.documentType.toLowerCase() as DocumentType;
      if (documentTypes.includes(type)) this._docType = type;
    }
    // Only the prefills that changed: a page filling in the name late must not wipe the number the shopper typed.
    const prefill = this._prefill();
    for (const name of ['documentNumber', 'customerName', 'contract'] as const) {
      if (changed.has(name)) this._values = {...this._values, [name]: prefill[name]};
    }
    if (changed.has('endpoint') && changed.get('endpoint') !== undefined && this.isConnected) {
      this._config = undefined;
      void this._boot();
    }
  }

  private get _busy(): boolean {
    return this._phase === 'pending' || this._phase === 'redirecting';
  }

  private get _lang(): Lang {
    return toLang(this.lang);
  }

  private get _m(): Messages {
    return resolveMessages(this._lang, this.messages);
  }

  /** The shopper types the amount: no fixed amount, no catalog item. */
  private get _open(): boolean {
    return this.amount == null && !this.item;
  }

  private get _range(): {min: number; max: number} {
    const c = this._config?.amount;
    return {
      min: Math.max(this.minAmount ?? 0, c?.min ?? 0, PALOMMA_MIN_AMOUNT),
      max: Math.min(this.maxAmount ?? Infinity, c?.max ?? Infinity, PALOMMA_MAX_AMOUNT),
    };
  }

  private get _item() {
    return this.item ? this._config?.items.find((entry) => entry?.id === this.item) : undefined;
  }

  /** The amount the button charges, when known. */
  private get _amount(): number | undefined {
    if (this.item) return this._item?.amount;
    return this.amount ?? parseCop(this._values.amount, this._lang);
  }

  /** A developer's mistake in the attributes or the proxy's setup, in words that say how to fix it. */
  private get _setupProblem(): string | undefined {
    if (this.amount != null && !(Number.isInteger(this.amount) && this.amount > 0)) {
      return 'amount must be whole pesos without separators, e.g. amount="1850000".';
    }
    if (this.signature && (this.amount == null || this.expires == null)) {
      return 'a signed checkout needs amount, expires and signature together.';
    }
    if (this.reference && !referencePattern.test(this.reference)) {
      return 'reference may hold only letters, digits and - _ . (64 at most).';
    }
    for (const name of ['description', 'item', 'signature', 'contract'] as const) {
      if ((this[name]?.length ?? 0) > maxLengths[name]) {
        return `${name} may hold ${maxLengths[name]} characters at most.`;
      }
    }
    const type = this.documentType?.toLowerCase();
    if (type && !documentTypes.includes(type as DocumentType)) {
      return `document-type must be one of ${documentTypes.join(', ')}.`;
    }
    const config = this._config;
    if (!config) return undefined;
    if (this.item && !this._item) return `item "${this.item}" is not in the proxy's catalog.`;
    if (this._open && !config.amount.open) {
      return 'the proxy does not accept typed amounts: set amount with a signature, or item.';
    }
    return undefined;
  }

  private async _boot(): Promise<void> {
    const signal = this._connection?.signal;
    try {
      const config = await loadConfig(this.endpoint, this.timeout);
      if (signal?.aborted) return;
      this._config = config;
      const problem = this._setupProblem;
      if (problem) {
        this._fail(new PalommaError('config_error', problem));
        return;
      }
      this.dispatchEvent(new PalommaReadyEvent({mode: config.mode, amount: this._amount}));
    } catch (error) {
      if (!signal?.aborted) this._fail(error);
    }
  }

  /**
   * Checks every field, shows what is wrong next to it and moves focus to the first invalid one.
   * @returns whether the form can be sent.
   */
  reportValidity(): boolean {
    const errors = this._check();
    this._errors = errors;
    if (Object.keys(errors).length === 0) return true;
    void this._focusInvalid();
    return false;
  }

  /**
   * Sends the form as if the shopper pressed the button: checks it, asks the proxy for an invoice and opens the
   * payment page. Failures are shown in the form and fired as `palomma-error`.
   * @returns whether the shopper is on the way to Palomma (navigating, or shown the link to it).
   */
  async submit(): Promise<boolean> {
    if (this._busy || this.disabled || !this.isConnected) return false;
    // Claimed before the first await: a double click must not send two requests.
    this._phase = 'pending';
    this._failure = undefined;
    this._link = undefined;
    const request = new AbortController();
    this._request = request;
    try {
      const config = this._config ?? (this._config = await loadConfig(this.endpoint, this.timeout));
      if (request.signal.aborted) return false;
      const problem = this._setupProblem;
      if (problem) throw new PalommaError('config_error', problem);
      if (!this.reportValidity()) {
        this._phase = 'idle';
        return false;
      }
      const body = this._body();
      const submitEvent = new PalommaSubmitEvent({request: body});
      this.dispatchEvent(submitEvent);
      if (submitEvent.defaultPrevented) {
        this._phase = 'idle';
        return false;
      }
      const key = `${this.endpoint} ${JSON.stringify(body)}`;
      let last = this._last?.key === key ? this._last : undefined;
      // One checkout, one invoice: coming back (Back button) and paying again reuses a link that still has a minute.
      if (!last || Date.parse(last.invoice.expirationDate) - Date.now() < 60_000) {
        const invoice = await createInvoice(this.endpoint, body, {
          timeout: this.timeout,
          signal: request.signal,
        });
        if (request.signal.aborted) return false;
        // A link the widget will not follow is not announced either: listeners never take it for an invoice.
        const url = allowedPaymentUrl(invoice.paymentUrl, config);
        if (!url) throw new RedirectRefused(invoice.paymentUrl);
        last = this._last = {key, invoice, url: url.href};
        const {id, reference, amount, status, expirationDate, paymentUrl} = invoice;
        this.dispatchEvent(
          new PalommaInvoiceEvent({id, reference, amount, status, expirationDate, paymentUrl}),
        );
      }
      return this._redirect(last.url, last.invoice.reference);
    } catch (error) {
      if (request.signal.aborted) return false;
      this._fail(error);
      return false;
    } finally {
      if (this._request === request) this._request = undefined;
    }
  }

  /** Clears what the shopper typed (back to the prefilled values), every message, and any request in flight. */
  reset(): void {
    this._request?.abort();
    this._request = undefined;
    this._docType = (this.documentType?.toLowerCase() as DocumentType) || 'cc';
    this._values = {amount: '', ...this._prefill()};
    this._errors = {};
    this._failure = undefined;
    this._link = undefined;
    this._phase = 'idle';
  }

  /** Leaves for a payment URL already checked against the proxy's payment origins. */
  private _redirect(url: string, reference: string): boolean {
    const target = toTarget(this.target);
    const event = new PalommaRedirectEvent({url, target, reference});
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      this._phase = 'idle';
      return true;
    }
    this._phase = 'redirecting';
    if (pageNavigation.open(url, target) === 'link') {
      this._showLink(url);
    } else {
      // A navigation can be dropped without a word (a browser extension, a page's own navigation handler); a page
      // still here after a while offers the link rather than "Redirigiendo…" forever.
      setTimeout(() => this._phase === 'redirecting' && this._showLink(url), this._stallMs);
    }
    return true;
  }

  private _showLink(url: string): void {
    this._phase = 'link';
    this._link = url;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[part~="link"]')?.focus(),
    );
  }

  private _prefill(): Omit<Record<TextField, string>, 'amount'> {
    return {
      documentNumber: this.documentNumber ?? '',
      customerName: this.customerName ?? '',
      contract: this.contract ?? '',
    };
  }

  /** Back to a usable form, keeping what the shopper typed. */
  private _settle(): void {
    this._request?.abort();
    this._request = undefined;
    this._phase = 'idle';
    this._link = undefined;
  }

  private _fail(error: unknown): void {
    const failure =
      error instanceof PalommaError
        ? error
        : new PalommaError('internal', String(error), undefined, {cause: error});
    const m = this._m;
    const code = failure.code;
    const message = failure instanceof RedirectRefused ? m.redirectRefused : m.errors[code];
    const fieldErrors = this._fieldErrors(failure);
    const field = Object.keys(fieldErrors)[0];
    this._errors = fieldErrors;
    this._failure = message;
    this._phase = 'idle';
    if (field) void this._focusInvalid();
    if (code === 'config_error') console.error(`[palomma-pay] ${failure.message}`);
    else if (this.debug) {
      console.warn(`[palomma-pay] ${code}: ${hints[code] ?? failure.message}`, failure.cause ?? '');
    }
    this.dispatchEvent(
      new PalommaErrorEvent({code, message, retryable: retryable.has(code), ...(field && {field})}),
    );
  }

  /** Field problems the proxy reported, in the shopper's language. */
  private _fieldErrors(failure: PalommaError): Partial<Record<Field, string>> {
    const m = this._m;
    const errors: Partial<Record<Field, string>> = {};
    for (const [name, problem] of Object.entries(failure.fields ?? {})) {
      if (name === 'documentNumber') {
        errors.documentNumber = this._documentError(problem);
      } else if (name === 'amount' && this._open) {
        // The proxy's own range can be narrower than the one it published; say its words in pesos.
        const {min, max} = this._range;
        errors.amount =
          problem === 'too_small'
            ? fill(m.amountMin, {min: formatCop(min, this._lang)})
            : problem === 'too_large'
              ? fill(m.amountMax, {max: formatCop(max, this._lang)})
              : m.errors[failure.code];
      } else if (name === 'documentType' || name === 'customerName' || name === 'contract') {
        errors[name] = m.errors.invalid_request;
      }
    }
    return errors;
  }

  private _check(): Partial<Record<Field, string>> {
    const m = this._m;
    const errors: Partial<Record<Field, string>> = {};
    if (this._open) {
      const amount = this._amount;
      const {min, max} = this._range;
      if (amount === undefined) errors.amount = m.required;
      else if (amount < min) errors.amount = fill(m.amountMin, {min: formatCop(min, this._lang)});
      else if (amount > max) errors.amount = fill(m.amountMax, {max: formatCop(max, this._lang)});
    }
    const doc = normalizeDocument(this._docType, this._values.documentNumber);
    if ('problem' in doc) errors.documentNumber = this._documentError(doc.problem);
    if (this.askContract && this._values.contract.trim() === '') errors.contract = m.required;
    return errors;
  }

  /** What to fix in the document number, with the lengths the chosen type takes. */
  private _documentError(problem: string): string {
    const m = this._m;
    const {inputMode, min, max} = documentRule(this._docType);
    return problem === 'required'
      ? m.required
      : problem === 'check_digit'
        ? m.documentCheckDigit
        : fill(inputMode === 'numeric' ? m.documentFormat : m.documentFormatText, {
            min: String(min),
            max: String(max),
          });
  }

  private _body(): CheckoutRequest {
    const optional = (value: string | undefined) => value?.trim() || undefined;
    const body: CheckoutRequest = {
      documentType: this._docType,
      documentNumber: this._values.documentNumber.trim(),
      customerName: optional(this._values.customerName),
      description: optional(this.description),
      reference: optional(this.reference),
      contract: optional(this.askContract ? this._values.contract : this.contract),
    };
    if (this.item) body.item = this.item;
    else body.amount = this._amount;
    if (this.signature) {
      body.signature = this.signature;
      body.expires = this.expires;
    }
    return JSON.parse(JSON.stringify(body)) as CheckoutRequest;
  }

  private async _focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /**
   * The pay button's click (Enter in a field clicks it too, as implicit submission). The widget never lets the form
   * submit: a sandboxed iframe without `allow-forms` drops form submission before any submit event fires.
   */
  private _onPay(event: Event): void {
    event.preventDefault();
    void this.submit();
  }

  private _onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const field = input.name as TextField;
    if (field === 'amount') {
      let text = input.value;
      const caret = input.selectionStart ?? 0;
      const digits = (value: string) => value.replace(/\D/g, '');
      const {inputType} = event as InputEvent;
      // Delete just before a thousands dot removes only the dot, which formatting puts back: the shopper would be
      // stuck pressing Delete, so the digit after the dot goes too.
      if (inputType === 'deleteContentForward' && digits(text) === digits(this._values.amount)) {
        text = text.slice(0, caret) + text.slice(caret + 1);
      }
      // A pasted "1850000.00" ends in cents whichever separator it uses (a thousands group has three digits), and
      // read as pesos it would be a hundred times the amount.
      if (inputType === 'insertFromPaste') text = text.replace(/[.,]\d\d$/, '');
      // Formatted as typed ($ 1.850.000) with the caret kept after the same digit.
      const typed = formatTypedCop(text, caret, this._lang);
      input.value = typed.value;
      input.setSelectionRange(typed.caret, typed.caret);
    }
    this._values = {...this._values, [field]: input.value};
    this._recheck(field);
  }

  private _onTypeChange(event: Event): void {
    this._docType = (event.target as HTMLSelectElement).value as DocumentType;
    this._recheck('documentNumber');
  }

  /** Once a field was marked invalid, its message follows the shopper's corrections; before that, it stays quiet. */
  private _recheck(field: Field): void {
    if (!this._errors[field]) return;
    const {[field]: problem, ...others} = this._errors;
    const now = this._check()[field];
    if (now !== problem) this._errors = now ? {...others, [field]: now} : others;
  }

  private _field(
    field: Field,
    label: unknown,
    control: (describedBy: string | typeof nothing, invalid: 'true' | typeof nothing) => unknown,
  ) {
    const error = this._errors[field];
    return html`<div class="field" part="field">
      <label part="label" for=${field}>${label}</label>
      ${control(error ? `${field}-error` : nothing, error ? 'true' : nothing)}
      ${
        error
          ? html`<p class="field-error" part="field-error" id="${field}-error">${error}</p>`
          : nothing
      }
    </div>`;
  }

  private _text(
    field: TextField,
    label: unknown,
    inputMode: string,
    autocomplete: string,
    maxLength: number,
    placeholder?: string,
  ) {
    return this._field(
      field,
      label,
      (describedBy, invalid) =>
        html`<input
          id=${field}
          part="input"
          name=${field}
          inputmode=${inputMode}
          autocomplete=${autocomplete}
          maxlength=${maxLength}
          placeholder=${placeholder ?? nothing}
          spellcheck="false"
          .value=${this._values[field]}
          ?disabled=${this.disabled}
          aria-describedby=${describedBy}
          aria-invalid=${invalid}
          @input=${this._onInput}
        />`,
    );
  }

  protected override render() {
    const m = this._m;
    const lang = this._lang;
    const amount = this._amount;
    const problem = this._setupProblem;
    const busy = this._busy;
    const {min} = this._range;
    const description = this._item?.description ?? this.description;
    const failure = problem ? m.errors.config_error : this._failure;
    const status =
      this._phase === 'pending' ? m.creating : this._phase === 'redirecting' ? m.redirecting : '';
    const fixed = !this._open && amount !== undefined;
    const shown = amount !== undefined && (!this._open || !this._errors.amount);
    return html`<form
      class="root"
      part="form"
      novalidate
      lang=${lang}
      @submit=${(event: Event) => event.preventDefault()}
    >
      ${
        this._config?.mode === 'sandbox'
          ? html`<p class="badge" part="badge">${m.sandbox}</p>`
          : nothing
      }
      ${
        description || fixed
          ? html`<p class="summary" part="summary">
              <span part="description">${description}</span>
              ${
                fixed
                  ? html`<strong class="amount" part="amount">${formatCop(amount, lang)}</strong>`
                  : nothing
              }
            </p>`
          : nothing
      }
      ${
        this._open
          ? this._text(
              'amount',
              m.amount,
              'numeric',
              'transaction-amount',
              18,
              formatCop(min, lang),
            )
          : nothing
      }
      ${this._field(
        'documentType',
        m.documentType,
        (describedBy, invalid) =>
          html`<select
            id="documentType"
            part="input select"
            name="documentType"
            .value=${this._docType}
            ?disabled=${this.disabled}
            aria-describedby=${describedBy}
            aria-invalid=${invalid}
            @change=${this._onTypeChange}
          >
            ${documentTypes.map(
              (type) =>
                html`<option value=${type} ?selected=${type === this._docType}>
                  ${m.documentTypes[type]}
                </option>`,
            )}
          </select>`,
      )}
      ${this._text(
        'documentNumber',
        m.documentNumber,
        documentInputMode(this._docType),
        'off',
        maxLengths.documentNumber,
      )}
      ${this._text(
        'customerName',
        html`${m.customerName} <span class="optional">${m.optional}</span>`,
        'text',
        'name',
        maxLengths.customerName,
      )}
      ${
        this.askContract
          ? this._text('contract', m.contract, 'text', 'off', maxLengths.contract)
          : nothing
      }
      <button
        class="button"
        part="button"
        type="submit"
        @click=${this._onPay}
        ?disabled=${this.disabled}
        aria-disabled=${busy || problem ? 'true' : nothing}
        aria-describedby=${failure ? 'error' : nothing}
      >
        ${busy ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}
        ${shown ? fill(m.payAmount, {amount: formatCop(amount, lang)}) : m.pay}
      </button>
      ${
        this._link
          ? html`<a
              class="link"
              part="link"
              href=${this._link}
              target=${`_${toTarget(this.target)}`}
              rel="noopener noreferrer"
              >${m.continue}</a
            >`
          : nothing
      }
      <p class="status" part="status" role="status">${status}</p>
      <p class="error" part="error" id="error" role="alert">${failure ?? ''}</p>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'palomma-pay': PalommaPay;
  }
}

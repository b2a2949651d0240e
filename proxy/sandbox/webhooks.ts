/**
 * Webhook delivery: when a resource reaches a final status the sandbox POSTs `{webhookId, timestamp, type, data}` to
 * the configured URL. Anything but a 200 within the timeout (5 s, as Palomma documents) is retried after a backoff,
 * with the same `webhookId` and a new `timestamp`, up to a bounded number of attempts.
 */
import type {Clock} from './clock.js';
import {isoTime} from './invoice.js';
import {sleep} from './sleep.js';
import {createUlidFactory} from '../ulid.js';
import {hmacSigner, type WebhookSigner} from './webhook-signature.js';

/** Where and how webhooks are sent. */
export interface WebhookOptions {
  /** The receiver's URL. */
  url: string;
  /** Key of the default signer. Default `sandbox_integrity_key`. */
  integrityKey?: string;
  /** Replaces the default HMAC signer. */
  signer?: WebhookSigner;
  /** Real milliseconds to wait before each retry; its length bounds the retries. Default 1, 2, 4, 8, 16 s. */
  retryDelaysMs?: readonly number[];
  /** How long the receiver has to answer 200. Default 5000. */
  timeoutMs?: number;
  /** Sends each delivery a second time after it succeeded, to test the receiver's dedupe. */
  duplicateDeliveries?: boolean;
  /** The fetch used to deliver (tests may inject one). */
  fetch?: typeof fetch;
}

/** One attempt at delivering a webhook. */
export interface WebhookAttempt {
  timestamp: string;
  /** The receiver's status, when it answered. */
  status?: number;
  /** Why the attempt failed without an answer (timeout, connection refused). */
  error?: string;
  durationMs: number;
}

/** One webhook and its delivery history. */
export interface WebhookDelivery {
  webhookId: string;
  type: 'invoice' | 'settlement';
  /** The id of the invoice or settlement it is about. */
  resourceId: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
}

/** Default integrity key of the default signer. */
export const DEFAULT_INTEGRITY_KEY = 'sandbox_integrity_key';
const defaultRetryDelaysMs = [1000, 2000, 4000, 8000, 16000];
const maxLog = 1000;

/** Sends webhooks and remembers the last deliveries. */
export class WebhookSender {
  private _options: WebhookOptions | undefined;
  private _signer: WebhookSigner | undefined;
  private readonly _log: WebhookDelivery[] = [];
  private readonly _inFlight = new Set<Promise<void>>();
  private readonly _ulid = createUlidFactory();

  constructor(
    options: WebhookOptions | undefined,
    private readonly _clock: Clock,
    private readonly _closing: AbortSignal,
  ) {
    this.configure(options);
  }

  /** The current settings (undefined: webhooks are off). */
  get options(): WebhookOptions | undefined {
    return this._options;
  }

  /** Turns webhooks on, changes them, or turns them off with `undefined`. */
  configure(options: WebhookOptions | undefined): void {
    if (options) new URL(options.url);
    this._options = options;
    this._signer =
      options && (options.signer ?? hmacSigner(options.integrityKey ?? DEFAULT_INTEGRITY_KEY));
  }

  /** The latest deliveries, oldest first. */
  deliveries(): WebhookDelivery[] {
    return this._log.map((d) => ({...d, attempts: [...d.attempts]}));
  }

  /** Resolves when no delivery is in progress (including retries waiting for their backoff). */
  async idle(): Promise<void> {
    while (this._inFlight.size > 0) await Promise.all(this._inFlight);
  }

  /** Forgets the delivery log. */
  clearLog(): void {
    this._log.length = 0;
  }

  /** Queues one webhook; does nothing when webhooks are off or the sandbox is closing. */
  send(
    type: WebhookDelivery['type'],
    resourceId: string,
    data: unknown,
  ): WebhookDelivery | undefined {
    const options = this._options;
    const signer = this._signer;
    if (!options || !signer || this._closing.aborted) return undefined;
    const delivery: WebhookDelivery = {
      webhookId: this._ulid(Date.now()),
      type,
      resourceId,
      state: 'pending',
      attempts: [],
    };
    this._log.push(delivery);
    if (this._log.length > maxLog) this._log.shift();
    const run = this._deliver(delivery, data, options, signer).finally(() =>
      this._inFlight.delete(run),
    );
    this._inFlight.add(run);
    return delivery;
  }

  private async _deliver(
    delivery: WebhookDelivery,
    data: unknown,
    options: WebhookOptions,
    signer: WebhookSigner,
  ): Promise<void> {
    const delays = options.retryDelaysMs ?? defaultRetryDelaysMs;
    let previous = -Infinity;
    let previousReal = 0;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]!, this._closing);
      if (this._closing.aborted) break;
      // A new timestamp on each retry even when a test froze the clock.
      const realNow = Date.now();
      const ms = Math.max(this._clock.now(), previous + Math.max(1, realNow - previousReal));
      previous = ms;
      previousReal = realNow;
      if (await this._attempt(delivery, data, isoTime(ms), options, signer)) {
        delivery.state = 'delivered';
        if (options.duplicateDeliveries) {
          await this._attempt(delivery, data, isoTime(ms + 1), options, signer);
        }
        return;
      }
    }
    delivery.state = 'failed';
  }

  private async _attempt(
    delivery: WebhookDelivery,
    data: unknown,
    timestamp: string,
    options: WebhookOptions,
    signer: WebhookSigner,
  ): Promise<boolean> {
    const body = JSON.stringify({
      webhookId: delivery.webhookId,
      timestamp,
      type: delivery.type,
      data,
    });
    const started = performance.now();
    const record: WebhookAttempt = {timestamp, durationMs: 0};
    delivery.attempts.push(record);
    try {
      const response = await (options.fetch ?? fetch)(options.url, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', ...(await signer(body))},
        body,
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 5000), this._closing]),
        redirect: 'manual',
      });
      record.status = response.status;
      await response.body?.cancel().catch(() => undefined);
      return response.status === 200;
    } catch (error) {
      record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return false;
    } finally {
      record.durationMs = Math.round(performance.now() - started);
    }
  }
}

/**
 * Fault injection for the API routes: what a flaky network or a bad day at Palomma looks like. Faults come from three
 * places, combined per request: the standing settings, a queue of one-shot faults for the next N requests
 * (deterministic tests), and the `X-Sandbox-Fault` request header.
 *
 * Header grammar, comma separated: `latency=<ms>`, `error[=<status>]`, `error-after[=<status>]` (the request takes
 * effect, then the answer fails), `hang`, `hang-after`, `malformed`, `truncated`, `html`, `empty`, `foreign-host`,
 * `javascript-url`, `duplicate=<allow|reject-409|reject-400|return-existing>`.
 */
import {SandboxError} from './errors.js';
import {duplicateReferenceModes, type DuplicateReferenceMode} from './invoices.js';

/** How a response body is damaged. */
export const bodyFaults = ['intact', 'malformed', 'truncated', 'html', 'empty'] as const;
export type BodyFault = (typeof bodyFaults)[number];

/** What a `paymentUrl` in an answer is turned into. */
export const paymentUrlFaults = ['sandbox', 'foreign-host', 'javascript-url'] as const;
export type PaymentUrlFault = (typeof paymentUrlFaults)[number];

/** The standing fault settings (all off by default). */
export interface FaultSettings {
  /** Real milliseconds added before every API answer. */
  latencyMs: number;
  /** Share of API requests (0–1) answered with `errorStatus` instead of being handled. */
  errorRate: number;
  /** Status of injected errors: 500, 502, 503 or 504. */
  errorStatus: number;
  /** Seed of the random draws behind `errorRate`, for repeatable runs. */
  seed: number;
  /** Every API request hangs until the client gives up or the sandbox closes. */
  hang: boolean;
  /** Damage done to every API answer's body. */
  body: BodyFault;
  /** What `paymentUrl`s in answers point to. */
  paymentUrl: PaymentUrlFault;
  /** What creating an existing `reference` does. Default `allow` (Palomma does not document uniqueness). */
  duplicateReference: DuplicateReferenceMode;
}

/** The faults applied to one request. */
export interface RequestFaults {
  latencyMs: number;
  /** Answer this status without handling the request. */
  errorBefore?: number;
  /** Handle the request, then answer this status instead. */
  errorAfter?: number;
  hangBefore: boolean;
  hangAfter: boolean;
  body: BodyFault;
  paymentUrl: PaymentUrlFault;
  duplicateReference: DuplicateReferenceMode;
}

/** A one-shot fault for the next `count` matching requests. */
export interface QueuedFault {
  /** One header token, e.g. `error=503`, `hang`, `truncated`, `duplicate=reject-409`. */
  fault: string;
  /** How many requests it applies to (default 1). */
  count?: number;
  /** Only requests with this method (e.g. `POST`). */
  method?: string;
  /** Only requests whose path (without `/v1`) starts with this, e.g. `/invoices`. */
  path?: string;
}

/** The default standing settings: no faults. */
export const noFaults: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 500,
  seed: 1,
  hang: false,
  body: 'intact',
  paymentUrl: 'sandbox',
  duplicateReference: 'allow',
};

const errorStatuses = [500, 502, 503, 504];

function fail(message: string): never {
  throw new SandboxError(400, 'invalid_fault', message);
}

function parseStatus(value: string | undefined, token: string): number {
  if (value === undefined) return 500;
  const status = Number(value);
  if (!errorStatuses.includes(status))
    fail(`${token}: status must be one of ${errorStatuses.join(', ')}`);
  return status;
}

/** Applies one header token to the faults of a request; throws `invalid_fault` on an unknown token. */
function applyToken(faults: RequestFaults, token: string): void {
  const [name = '', value] = token.split('=', 2).map((part) => part.trim());
  switch (name) {
    case 'latency': {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) fail('latency must be 0–600000 ms');
      faults.latencyMs += ms;
      return;
    }
    case 'error':
      faults.errorBefore = parseStatus(value, name);
      return;
    case 'error-after':
      faults.errorAfter = parseStatus(value, name);
      return;
    case 'hang':
      faults.hangBefore = true;
      return;
    case 'hang-after':
      faults.hangAfter = true;
      return;
    case 'malformed':
    case 'truncated':
    case 'html':
    case 'empty':
      faults.body = name;
      return;
    case 'foreign-host':
    case 'javascript-url':
      faults.paymentUrl = name;
      return;
    case 'duplicate':
      if (!(duplicateReferenceModes as readonly string[]).includes(value ?? '')) {
        fail(`duplicate must be one of ${duplicateReferenceModes.join(', ')}`);
      }
      faults.duplicateReference = value as DuplicateReferenceMode;
      return;
    default:
      fail(`Unknown fault "${name}"`);
  }
}

/** Checks a fault token without applying it (for the admin route and `next()`). */
export function validateFaultToken(token: string): void {
  applyToken(fromSettings(noFaults), token);
}

function fromSettings(settings: FaultSettings): RequestFaults {
  return {
    latencyMs: settings.latencyMs,
    hangBefore: settings.hang,
    hangAfter: false,
    body: settings.body,
    paymentUrl: settings.paymentUrl,
    duplicateReference: settings.duplicateReference,
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence of injected errors. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fault settings and queue of one sandbox. */
export class Faults {
  private _settings: FaultSettings;
  private _random: () => number;
  private _queue: (QueuedFault & {remaining: number})[] = [];

  constructor(initial: Partial<FaultSettings> = {}) {
    this._settings = checkSettings({...noFaults, ...defined(initial)});
    this._random = seededRandom(this._settings.seed);
  }

  /** The standing settings. */
  get settings(): FaultSettings {
    return {...this._settings};
  }

  /** The one-shot faults still waiting. */
  get queue(): QueuedFault[] {
    return this._queue.map(({remaining, ...rest}) => ({...rest, count: remaining}));
  }

  /** Changes some standing settings (a new `seed` restarts the random sequence). */
  set(changes: Partial<FaultSettings>): FaultSettings {
    this._settings = checkSettings({...this._settings, ...defined(changes)});
    if (changes.seed !== undefined) this._random = seededRandom(this._settings.seed);
    return this.settings;
  }

  /** Queues a one-shot fault for the next `count` matching API requests. */
  next(fault: QueuedFault): void {
    validateFaultToken(fault.fault);
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) fail('count must be a positive integer');
    this._queue.push({...fault, method: fault.method?.toUpperCase(), remaining: count});
  }

  /** Back to no faults and an empty queue; the duplicate-reference rule is a behaviour, not a fault, and stays. */
  clear(): void {
    this._settings = {...noFaults, duplicateReference: this._settings.duplicateReference};
    this._random = seededRandom(this._settings.seed);
    this._queue = [];
  }

  /** The faults for one API request: settings, then the first matching queued fault, then the header. */
  resolve(method: string, path: string, header: string | undefined): RequestFaults {
    const faults = fromSettings(this._settings);
    if (this._settings.errorRate > 0 && this._random() < this._settings.errorRate) {
      faults.errorBefore = this._settings.errorStatus;
    }
    const queued = this._queue.find(
      (q) => (!q.method || q.method === method) && (!q.path || path.startsWith(q.path)),
    );
    if (queued) {
      applyToken(faults, queued.fault);
      if (--queued.remaining === 0) this._queue.splice(this._queue.indexOf(queued), 1);
    }
    for (const token of (header ?? '').split(',')) {
      if (token.trim() !== '') applyToken(faults, token.trim());
    }
    return faults;
  }
}

/** Leaves out undefined values, so `{latencyMs: undefined}` keeps the current value. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkSettings(s: FaultSettings): FaultSettings {
  if (!Number.isInteger(s.latencyMs) || s.latencyMs < 0)
    fail('latencyMs must be a whole number ≥ 0');
  if (!(s.errorRate >= 0 && s.errorRate <= 1)) fail('errorRate must be from 0 to 1');
  if (!errorStatuses.includes(s.errorStatus))
    fail(`errorStatus must be one of ${errorStatuses.join(', ')}`);
  if (!Number.isInteger(s.seed)) fail('seed must be an integer');
  if (typeof s.hang !== 'boolean') fail('hang must be a boolean');
  if (!bodyFaults.includes(s.body)) fail(`body must be one of ${bodyFaults.join(', ')}`);
  if (!paymentUrlFaults.includes(s.paymentUrl))
    fail(`paymentUrl must be one of ${paymentUrlFaults.join(', ')}`);
  if (!duplicateReferenceModes.includes(s.duplicateReference)) {
    fail(`duplicateReference must be one of ${duplicateReferenceModes.join(', ')}`);
  }
  return s;
}

/** Rewrites the `paymentUrl`s of an answer to a lookalike host or a `javascript:` URL. */
export function rewritePaymentUrls(value: unknown, fault: PaymentUrlFault): unknown {
  if (fault === 'sandbox' || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => rewritePaymentUrls(item, fault));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'paymentUrl' && typeof field === 'string') {
      const path = new URL(field).pathname;
      out[key] =
        fault === 'foreign-host'
          ? `https://pagos-palomma.example${path}`
          : `javascript:alert(document.domain)//${path}`;
    } else {
      out[key] = rewritePaymentUrls(field, fault);
    }
  }
  return out;
}

/** Damages a JSON answer the way a broken upstream or a cut connection would. */
export function damageBody(
  text: string,
  fault: BodyFault,
): {status?: number; type: string; text: string} {
  switch (fault) {
    case 'malformed':
      // Looks like JSON to a glance and to a content-type check, but does not parse.
      return {type: 'application/json', text: `${text.replace(/}\s*$/, '')},}`};
    case 'truncated':
      return {type: 'application/json', text: text.slice(0, Math.floor(text.length / 2))};
    case 'html':
      return {
        status: 502,
        type: 'text/html; charset=utf-8',
        text: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
      };
    case 'empty':
      return {type: 'application/json', text: ''};
    case 'intact':
      return {type: 'application/json', text};
  }
}

/**
 * `PALOMMA_SANDBOX_*` environment settings for `npm run sandbox`, checked at start with a readable message.
 */
import type {SandboxOptions} from './app.js';
import {bodyFaults, paymentUrlFaults} from './faults.js';
import {duplicateReferenceModes} from './invoices.js';

/** Settings read from the environment, ready for `startSandboxServer`. */
export interface SandboxEnv {
  port: number;
  hostname: string;
  /** Overrides the printed / `paymentUrl` origin (default `http://localhost:<port>`). */
  origin?: string;
  options: Omit<SandboxOptions, 'origin'>;
}

/** A setting that could not be read. */
export class SandboxEnvError extends Error {
  override name = 'SandboxEnvError';
}

/** Reads `PALOMMA_SANDBOX_*` from `env`. Throws `SandboxEnvError` naming the bad variable. */
export function readSandboxEnv(env: Record<string, string | undefined>): SandboxEnv {
  const get = (name: string) => {
    const value = env[`PALOMMA_SANDBOX_${name}`]?.trim();
    return value === '' ? undefined : value;
  };
  const bad = (name: string, expected: string): never => {
    throw new SandboxEnvError(
      `PALOMMA_SANDBOX_${name}=${JSON.stringify(get(name))} is invalid: expected ${expected}`,
    );
  };
  const int = (name: string, min: number, max: number): number | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    return Number.isInteger(n) && n >= min && n <= max ? n : bad(name, `an integer ${min}–${max}`);
  };
  const num = (name: string, min: number, max: number): number | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    return Number.isFinite(n) && n >= min && n <= max ? n : bad(name, `a number ${min}–${max}`);
  };
  const oneOf = <T extends string>(name: string, values: readonly T[]): T | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    return (values as readonly string[]).includes(value)
      ? (value as T)
      : bad(name, `one of ${values.join(', ')}`);
  };
  const bool = (name: string): boolean | undefined => {
    const value = oneOf(name, ['1', '0', 'true', 'false']);
    return value === undefined ? undefined : value === '1' || value === 'true';
  };
  const url = (name: string): string | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
      ? value
      : bad(name, 'an http(s) URL');
  };

  const webhookUrl = url('WEBHOOK_URL');
  const pendingDelay = get('PENDING_DELAY_MS');
  const options: Omit<SandboxOptions, 'origin'> = {
    merchant: get('MERCHANT'),
    merchantName: get('MERCHANT_NAME'),
    apiKeys: get('API_KEYS')
      ?.split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    maxInvoices: int('MAX_INVOICES', 1, 10_000_000),
    maxBodyBytes: int('MAX_BODY_BYTES', 1024, 10_000_000),
    expiredStatus: oneOf('EXPIRED_STATUS', ['ready', 'cancelled']),
    declineStatus: oneOf('DECLINE_STATUS', ['ready', 'cancelled']),
    pendingDelayMs: pendingDelay === 'never' ? null : int('PENDING_DELAY_MS', 0, 86_400_000),
    pendingOutcome: oneOf('PENDING_OUTCOME', ['paid', 'declined']),
    fillCustomerName: bool('FILL_CUSTOMER_NAME'),
    duplicateReference: oneOf('DUPLICATE_REFERENCE', duplicateReferenceModes),
    settlementFeeRate: num('FEE_RATE', 0, 0.99),
    faults: {
      latencyMs: int('LATENCY_MS', 0, 600_000),
      errorRate: num('ERROR_RATE', 0, 1),
      errorStatus: int('ERROR_STATUS', 500, 504),
      seed: int('SEED', -(2 ** 31), 2 ** 31 - 1),
      hang: bool('HANG'),
      body: oneOf('BODY_FAULT', bodyFaults),
      paymentUrl: oneOf('PAYMENT_URL_FAULT', paymentUrlFaults),
    },
    webhook: webhookUrl
      ? {
          url: webhookUrl,
          integrityKey: get('INTEGRITY_KEY'),
          timeoutMs: int('WEBHOOK_TIMEOUT_MS', 1, 60_000),
        }
      : undefined,
  };
  return {
    port: int('PORT', 0, 65535) ?? 8788,
    hostname: get('HOST') ?? '127.0.0.1',
    origin: url('ORIGIN'),
    options: prune(options),
  };
}

/** Drops undefined values so they do not override defaults when spread. */
function prune<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[key] =
      typeof field === 'object' && field !== null && !Array.isArray(field) ? prune(field) : field;
  }
  return out as T;
}

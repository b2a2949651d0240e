/**
 * `PALOMMA_*` environment → typed proxy configuration. Runs at boot on Node and on Workers (web-standard code
 * only), and fails with one readable line that names the variable and never prints a secret value.
 */
import * as z from 'zod/mini';
import {PALOMMA_MAX_AMOUNT, PALOMMA_MIN_AMOUNT} from '../widget/contract.js';

/** A wrong or missing setting; its message is one line naming the variable, safe to print. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** One catalog entry: the proxy, not the page, knows what it costs. */
export interface CatalogItem {
  readonly id: string;
  readonly amount: number;
  readonly description: string;
  readonly contract?: string;
}

/** Everything the proxy needs, parsed and checked. */
export interface ProxyConfig {
  /** `sandbox` when no API key is set: the local emulator is upstream and every page says so. */
  readonly mode: 'sandbox' | 'live';
  /** Bearer key sent upstream. In sandbox mode a fixed placeholder the emulator accepts. */
  readonly apiKey: string;
  /** Upstream base URL, without a trailing slash (`https://api.palomma.com/v1`). */
  readonly apiUrl: string;
  /** Absolute URL, or a path resolved against `publicUrl` (or the request's origin) at checkout time. */
  readonly returnUrl: string;
  /** The proxy's own public origin, for path-only return URLs and same-origin checks behind a reverse proxy. */
  readonly publicUrl?: string;
  /** Browser origins allowed to call the proxy cross-origin (same-origin calls are always allowed). */
  readonly allowedOrigins: readonly string[];
  /** Origins a `paymentUrl` may point to: `https://<host>` for each payment host, plus the sandbox in sandbox mode. */
  readonly paymentOrigins: readonly string[];
  /** Enables signed checkouts when set. */
  readonly signingSecret?: string;
  /** Whether a shopper (or an unsigned `amount` attribute) may choose the amount. */
  readonly openAmount: boolean;
  readonly minAmount: number;
  readonly maxAmount: number;
  readonly catalog: readonly CatalogItem[];
  /** Description of open-amount invoices when the page gives none. */
  readonly defaultDescription: string;
  /** Readable start of generated references (`<prefix>-<ULID>`). */
  readonly referencePrefix: string;
  /**
   * Per upstream attempt, in milliseconds. A create that times out is followed by one lookup, so two of these
   * must fit inside the widget's own 15 s wait.
   */
  readonly timeoutMs: number;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Requests per minute per client IP (0 turns the limit off). */
  readonly rateLimitPerIp: number;
  /** Requests per minute per reference, on checkout and status (0 turns the limit off). */
  readonly rateLimitPerReference: number;
  /** Header holding the client IP when behind a trusted proxy (`cf-connecting-ip`, `x-forwarded-for`). */
  readonly clientIpHeader?: string;
  /** Where servers mount the proxy (`''` for the root). */
  readonly basePath: string;
  /** `json`: one line per request on the console; `off`: nothing (tests, or a host that logs itself). */
  readonly log: 'json' | 'off';
}

/** The Bearer value sent to the local sandbox, which accepts any non-empty key. */
export const SANDBOX_API_KEY = 'sandbox_local_key';
/** Palomma's own sandbox, the default upstream once a key is set (design.md). */
export const PALOMMA_SANDBOX_API_URL = 'https://sandbox.api.palomma.com/v1';
/** Where the local sandbox listens when nothing else says so (the default `PORT` + 1). */
export const LOCAL_SANDBOX_API_URL = 'http://127.0.0.1:8788/v1';

type Env = Record<string, string | undefined>;

/** Options for the parts of configuration that need the host platform. */
export interface LoadConfigOptions {
  /** Reads `PALOMMA_CATALOG_FILE`; absent on platforms without a file system (Workers). */
  readTextFile?: (path: string) => string;
}

const CatalogSchema = z.array(
  z.strictObject({
    id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)),
    amount: z.int().check(z.gte(PALOMMA_MIN_AMOUNT), z.lte(PALOMMA_MAX_AMOUNT)),
    description: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    contract: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
  }),
);

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === '' ? undefined : raw;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.replace(/_/g, '')))
    throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const parsed = Number(raw.replace(/_/g, ''));
  if (parsed < min || parsed > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${parsed}`);
  }
  return parsed;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function httpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a valid URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return url;
}

function origins(env: Env, name: string): string[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = httpUrl(name, entry);
      if (url.origin !== entry.replace(/\/$/, '')) {
        throw new ConfigError(name, `"${entry}" is not an origin (scheme://host[:port], no path)`);
      }
      return url.origin;
    });
}

function hosts(env: Env, name: string, fallback: string[]): string[] {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const list = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const host of list) {
    if (
      !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/.test(host) ||
      !URL.canParse(`https://${host}`)
    ) {
      throw new ConfigError(name, `"${host}" is not a host name (no scheme, no path)`);
    }
  }
  if (list.length === 0) throw new ConfigError(name, 'must list at least one host');
  return list;
}

function returnUrl(env: Env, mode: ProxyConfig['mode'], publicUrl: string | undefined): string {
  const name = 'PALOMMA_RETURN_URL';
  const raw = value(env, name);
  if (raw === undefined) {
    if (mode === 'live') {
      throw new ConfigError(
        name,
        'is required with an API key (where shoppers come back after paying)',
      );
    }
    return '/return.html';
  }
  // A path ("/return.html") is resolved against the proxy's public origin, so it works on any port.
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    // Without a public origin the path would be resolved against the request's Host header, which a caller
    // chooses: with real money, a forged Host would send the payer to the caller's site after paying.
    if (mode === 'live' && publicUrl === undefined) {
      throw new ConfigError(
        name,
        'a path needs PALOMMA_PUBLIC_URL with an API key (or give the full https URL)',
      );
    }
    return raw;
  }
  const url = httpUrl(name, raw);
  if (mode === 'live' && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new ConfigError(name, 'must be https with a live API key');
  }
  return url.href;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

function catalog(env: Env, options: LoadConfigOptions): CatalogItem[] {
  let name = 'PALOMMA_CATALOG';
  let raw = value(env, name);
  const file = value(env, 'PALOMMA_CATALOG_FILE');
  if (file !== undefined) {
    name = 'PALOMMA_CATALOG_FILE';
    if (raw !== undefined)
      throw new ConfigError(name, 'set either PALOMMA_CATALOG or PALOMMA_CATALOG_FILE');
    if (!options.readTextFile) {
      throw new ConfigError(
        name,
        'files cannot be read on this platform: put the JSON in PALOMMA_CATALOG',
      );
    }
    try {
      raw = options.readTextFile(file);
    } catch {
      throw new ConfigError(name, `cannot read "${file}"`);
    }
  }
  if (raw === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'is not valid JSON (expected [{"id","amount","description"}, …])');
  }
  const result = CatalogSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const at = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ConfigError(
      name,
      `invalid item${at}: expected [{"id","amount" (${PALOMMA_MIN_AMOUNT}–${PALOMMA_MAX_AMOUNT}),"description","contract"?}]`,
    );
  }
  const ids = new Set<string>();
  for (const item of result.data) {
    if (ids.has(item.id)) throw new ConfigError(name, `duplicate item id "${item.id}"`);
    ids.add(item.id);
  }
  return result.data;
}

/**
 * Reads and checks the proxy's configuration from environment variables (see the README's table).
 * @throws {ConfigError} naming the first variable that is wrong or missing.
 */
export function loadConfig(env: Env, options: LoadConfigOptions = {}): ProxyConfig {
  const apiKey = value(env, 'PALOMMA_API_KEY');
  const mode = apiKey === undefined ? 'sandbox' : 'live';

  const apiUrlRaw =
    value(env, 'PALOMMA_API_URL') ??
    (mode === 'live' ? PALOMMA_SANDBOX_API_URL : LOCAL_SANDBOX_API_URL);
  const apiUrl = httpUrl('PALOMMA_API_URL', apiUrlRaw);
  if (mode === 'live' && apiUrl.protocol !== 'https:' && !isLoopback(apiUrl.hostname)) {
    // The key would travel in clear text.
    throw new ConfigError('PALOMMA_API_URL', 'must be https when PALOMMA_API_KEY is set');
  }

  const publicUrlRaw = value(env, 'PALOMMA_PUBLIC_URL');
  const publicUrl =
    publicUrlRaw === undefined ? undefined : httpUrl('PALOMMA_PUBLIC_URL', publicUrlRaw).origin;

  const paymentHosts = hosts(env, 'PALOMMA_PAYMENT_HOSTS', ['pagos.palomma.com']);
  // As URL writes them (`:443` dropped), or a link on the very host configured would never match its origin.
  const paymentOrigins = paymentHosts.map((host) => new URL(`https://${host}`).origin);
  // The local sandbox serves its hosted payment page on the API's own origin; only sandbox mode may go there.
  if (mode === 'sandbox') paymentOrigins.unshift(apiUrl.origin);

  const signingSecret = value(env, 'PALOMMA_SIGNING_SECRET');
  if (signingSecret !== undefined && signingSecret.length < 32) {
    throw new ConfigError(
      'PALOMMA_SIGNING_SECRET',
      'must be at least 32 characters (use 32 random bytes, hex)',
    );
  }

  const minAmount = integer(
    env,
    'PALOMMA_MIN_AMOUNT',
    PALOMMA_MIN_AMOUNT,
    PALOMMA_MIN_AMOUNT,
    PALOMMA_MAX_AMOUNT,
  );
  const maxAmount = integer(
    env,
    'PALOMMA_MAX_AMOUNT',
    PALOMMA_MAX_AMOUNT,
    PALOMMA_MIN_AMOUNT,
    PALOMMA_MAX_AMOUNT,
  );
  if (minAmount > maxAmount) {
    throw new ConfigError(
      'PALOMMA_MIN_AMOUNT',
      `(${minAmount}) is above PALOMMA_MAX_AMOUNT (${maxAmount})`,
    );
  }

  const referencePrefix = value(env, 'PALOMMA_REFERENCE_PREFIX') ?? 'pp';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/.test(referencePrefix)) {
    throw new ConfigError(
      'PALOMMA_REFERENCE_PREFIX',
      'use 1–20 letters, digits or "-_." (starting alphanumeric)',
    );
  }

  const basePath = (value(env, 'PALOMMA_BASE_PATH') ?? '/api/palomma').replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)*$/.test(basePath)) {
    throw new ConfigError('PALOMMA_BASE_PATH', 'must be a path like /api/palomma');
  }

  const clientIpHeader = value(env, 'PALOMMA_CLIENT_IP_HEADER')?.toLowerCase();
  if (clientIpHeader !== undefined && !/^[a-z0-9-]+$/.test(clientIpHeader)) {
    throw new ConfigError(
      'PALOMMA_CLIENT_IP_HEADER',
      'must be a header name such as cf-connecting-ip',
    );
  }

  const defaultDescription = value(env, 'PALOMMA_DEFAULT_DESCRIPTION') ?? 'Pago';
  if (defaultDescription.length > 200) {
    throw new ConfigError('PALOMMA_DEFAULT_DESCRIPTION', 'must be at most 200 characters');
  }

  const logSetting = value(env, 'PALOMMA_LOG')?.toLowerCase() ?? 'json';
  if (!['json', 'off', 'silent'].includes(logSetting)) {
    throw new ConfigError('PALOMMA_LOG', `expected json or off, got "${logSetting}"`);
  }
  const log = logSetting === 'json' ? 'json' : 'off';

  return {
    mode,
    apiKey: apiKey ?? SANDBOX_API_KEY,
    apiUrl: apiUrl.href.replace(/\/+$/, ''),
    returnUrl: returnUrl(env, mode, publicUrl),
    ...(publicUrl ? {publicUrl} : {}),
    allowedOrigins: origins(env, 'PALOMMA_ALLOWED_ORIGINS'),
    paymentOrigins,
    ...(signingSecret ? {signingSecret} : {}),
    openAmount: boolean(env, 'PALOMMA_OPEN_AMOUNT', mode === 'sandbox'),
    minAmount,
    maxAmount,
    catalog: catalog(env, options),
    defaultDescription,
    referencePrefix,
    timeoutMs: integer(env, 'PALOMMA_TIMEOUT_MS', 6_000, 100, 120_000),
    maxBodyBytes: integer(env, 'PALOMMA_MAX_BODY_BYTES', 8 * 1024, 256, 1024 * 1024),
    rateLimitPerIp: integer(env, 'PALOMMA_RATE_LIMIT_IP', 60, 0, 1_000_000),
    rateLimitPerReference: integer(env, 'PALOMMA_RATE_LIMIT_REFERENCE', 30, 0, 1_000_000),
    ...(clientIpHeader ? {clientIpHeader} : {}),
    basePath,
    log,
  };
}

/**
 * Structured logs: one JSON line per request. Lines are built from chosen fields only (never request bodies or
 * upstream replies), and every line passes through {@link redactor} as a last guard for the API key and documents.
 */

/** Receives each log line as an object; the default prints it as one JSON line. */
export type LogSink = (line: object) => void;

/** The default sink: one JSON line on stdout (Node) or the Workers log. */
export const consoleSink: LogSink = (line) => console.log(JSON.stringify(line));

/** What the proxy records about one request. */
export interface RequestLog {
  time: string;
  level: 'info' | 'warn' | 'error';
  method: string;
  route: string;
  status: number;
  durationMs: number;
  mode: 'sandbox' | 'live';
  reference?: string;
  amountMode?: string;
  code?: string;
  idempotent?: boolean;
  upstreamStatus?: number;
  upstreamMs?: number;
  /** Why the operator should act (an upstream 401, an unexpected error). */
  problem?: string;
}

const DOCUMENT_KEYS = /document|customer/i;

/**
 * Wraps a sink so that no line can carry a secret: any string equal to or containing one of `secrets` becomes
 * `[redacted]`, and any field named like a document or customer field is replaced.
 */
export function redactor(sink: LogSink, secrets: readonly string[]): LogSink {
  const active = secrets.filter((secret) => secret.length >= 8);
  const clean = (value: unknown, key: string): unknown => {
    if (DOCUMENT_KEYS.test(key) && value !== undefined) return '[redacted]';
    if (typeof value === 'string') {
      return active.reduce((text, secret) => text.split(secret).join('[redacted]'), value);
    }
    if (Array.isArray(value)) return value.map((item) => clean(item, ''));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, k)]));
    }
    return value;
  };
  return (line) => sink(clean(line, '') as object);
}

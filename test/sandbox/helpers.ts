/** Shared arrangements for the sandbox specs: a sandbox on a frozen clock and short ways to call it. */
import assert from 'node:assert/strict';
import {createSandbox, type Sandbox, type SandboxOptions} from '../../proxy/sandbox/app.js';
import type {InvoiceJson} from '../../proxy/sandbox/invoice.js';

/** The instant of Palomma's documentation example; every sandbox here starts frozen at it. */
export const T0 = '2026-03-11T16:32:14.007Z';
export const ORIGIN = 'http://localhost:8788';

/** The body of Palomma's documented create example. */
export const exampleInvoice = {
  reference: 'INV-2026-0001',
  amount: 1850000,
  description: 'Canon de arrendamiento marzo 2026',
  redirectUrl: 'https://merchant.example.com/payments/return',
  customerDocumentNumber: '900123456',
} as const;

/** A sandbox on a frozen clock at `T0`. */
export function newSandbox(options: Partial<SandboxOptions> = {}): Sandbox {
  return createSandbox({origin: ORIGIN, now: T0, ...options});
}

/** An answer, read once. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the sandbox in memory. JSON bodies get the JSON content type and a Bearer key unless told otherwise. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  init: {
    body?: unknown;
    headers?: Record<string, string>;
    auth?: string | false;
    raw?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {...init.headers};
  if (init.auth !== false) headers['authorization'] ??= `Bearer ${init.auth ?? 'sk_test_sandbox'}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await sandbox.app.request(path, {method, headers, body});
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {status: response.status, headers: response.headers, text, json};
}

/** Creates an invoice (the documented example unless overridden) and asserts it was accepted. */
export async function createInvoice(
  sandbox: Sandbox,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<InvoiceJson> {
  const answer = await call(sandbox, 'POST', '/v1/invoices', {
    body: {...exampleInvoice, ...overrides},
    headers,
  });
  assert.equal(answer.status, 200, answer.text);
  return answer.json as InvoiceJson;
}

/** Asserts the error envelope. */
export function assertError(
  answer: Answer,
  status: number,
  code: string,
  fields?: readonly string[],
): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(answer.json?.error?.code, code, answer.text);
  assert.equal(typeof answer.json.error.message, 'string');
  if (fields)
    assert.deepEqual(Object.keys(answer.json.error.fields ?? {}).sort(), [...fields].sort());
}

/** Posts the hosted page's form as a browser would. */
export async function submitPayPage(
  sandbox: Sandbox,
  paymentUrl: string,
  fields: Record<string, string>,
): Promise<Response> {
  return sandbox.app.request(new URL(paymentUrl).pathname, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams(fields).toString(),
  });
}

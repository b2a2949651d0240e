/**
 * The sandbox API's error envelope. Palomma does not document its error body, so the sandbox answers the same shape
 * as the proxy: `{"error": {"code", "message", "fields"?}}`. A client must not depend on more than the status.
 */
import type {Context} from 'hono';
import type {ContentfulStatusCode} from 'hono/utils/http-status';

/** Every error code the sandbox API answers with. */
export const sandboxErrorCodes = [
  'invalid_request',
  'invalid_json',
  'unauthorized',
  'not_found',
  'duplicate_reference',
  'invalid_state',
  'body_too_large',
  'unsupported_media_type',
  'invalid_fault',
  'internal',
  'service_unavailable',
] as const;

/** A sandbox error code. */
export type SandboxErrorCode = (typeof sandboxErrorCodes)[number];

/** The JSON body of every failing sandbox API response. */
export interface SandboxErrorBody {
  error: {code: SandboxErrorCode; message: string; fields?: Record<string, string>};
}

/** Builds the error envelope. */
export function errorBody(
  code: SandboxErrorCode,
  message: string,
  fields?: Record<string, string>,
): SandboxErrorBody {
  return {error: fields ? {code, message, fields} : {code, message}};
}

/** Answers with the error envelope. */
export function sendError(
  c: Context,
  status: ContentfulStatusCode,
  code: SandboxErrorCode,
  message: string,
  fields?: Record<string, string>,
): Response {
  return c.json(errorBody(code, message, fields), status);
}

/** A failure raised deep in the sandbox that maps to one HTTP error answer. */
export class SandboxError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: SandboxErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

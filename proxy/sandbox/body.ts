/** Reading a JSON request body safely: bounded size, checked content type, parse errors as JSON answers. */
import {readBoundedBody} from '../bounded-body.js';
import {SandboxError} from './errors.js';

/** Whether a `Content-Type` is JSON (`application/json`, any parameters, or a `+json` type). */
export function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * The request's JSON body. Refuses a non-JSON content type (415), more than `maxBytes` (413, without reading past
 * the limit) and unparsable JSON (400 `invalid_json`).
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!isJsonType(request.headers.get('content-type') ?? undefined)) {
    throw new SandboxError(415, 'unsupported_media_type', 'Send Content-Type: application/json');
  }
  const bytes = await readBoundedBody(request, maxBytes);
  if (!bytes) {
    throw new SandboxError(413, 'body_too_large', `The body is larger than ${maxBytes} bytes`);
  }
  const text = new TextDecoder('utf-8', {fatal: false}).decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new SandboxError(400, 'invalid_json', 'The body is not valid JSON');
  }
}

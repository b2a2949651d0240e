/** The checkout's request body: JSON only, bounded, read with web-standard streams (Node, workerd, browsers). */
import {readBoundedBody} from './bounded-body.js';
import {ProxyError} from './errors.js';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The request body as JSON, refusing early what is not: a wrong media type (415), more than `maxBytes` whether
 * announced or streamed (413), or text that does not parse (400 `invalid_json`).
 */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
    throw new ProxyError(
      'unsupported_media_type',
      'Send the checkout as Content-Type: application/json.',
    );
  }
  const bytes = await readBoundedBody(request, maxBytes);
  if (!bytes) throw new ProxyError('body_too_large', `The body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch {
    throw new ProxyError('invalid_json', 'The body is not valid JSON.');
  }
}

/** The checkout's request body: JSON only, bounded, read with web-standard streams (Node, workerd, browsers). */
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
  const tooLarge = () =>
    new ProxyError('body_too_large', `The body is larger than ${maxBytes} bytes.`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // The answer is 413 whatever the stream thinks of being cancelled.
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch {
    throw new ProxyError('invalid_json', 'The body is not valid JSON.');
  }
}

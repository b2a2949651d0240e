/** Reading a request body without trusting its size: web-standard streams, so it runs on Node, workerd and browsers. */

/**
 * The body's bytes, or undefined when it is larger than `maxBytes`, whether announced by `Content-Length` or only
 * streamed; reading stops at the limit, so an endless body costs no more than `maxBytes`.
 */
export async function readBoundedBody(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // The answer is "too large" whatever the stream thinks of being cancelled.
        await reader.cancel().catch(() => undefined);
        return undefined;
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
  return bytes;
}

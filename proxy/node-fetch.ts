/**
 * A `fetch` for the upstream built on `node:http`/`node:https` with keep-alive agents. On Node 20 the global
 * `fetch` (undici without a tuned dispatcher) halves the proxy's throughput (see toolchain.md and
 * `test/bench/transport.ts`); this covers exactly what the Palomma client sends: small JSON requests and replies.
 */
import http from 'node:http';
import https from 'node:https';

/** A keep-alive upstream transport and a way to drop its idle sockets. */
export interface KeepAliveFetch {
  fetch: typeof fetch;
  /** Ends pooled sockets, so the process can exit. */
  close(): void;
}

/** Creates the transport; `maxSockets` bounds concurrent connections per upstream host. */
export function createKeepAliveFetch(options: {maxSockets?: number} = {}): KeepAliveFetch {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    scheduling: 'lifo' as const,
  };
  const agents = {'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions)};

  const send = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const protocol = url.protocol as keyof typeof agents;
      const agent = agents[protocol];
      if (!agent) {
        reject(new TypeError(`unsupported protocol ${url.protocol}`));
        return;
      }
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const body = init.body === undefined || init.body === null ? undefined : String(init.body);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => {
        headers[key] = value;
      });
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const request = (protocol === 'https:' ? https : http).request(url, {
        method: init.method ?? 'GET',
        headers,
        agent,
        signal,
      });
      request.on('error', reject);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('upstream reply aborted')));
        response.on('end', () => {
          const replyHeaders = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            if (value === undefined) continue;
            for (const item of Array.isArray(value) ? value : [value])
              replyHeaders.append(key, item);
          }
          const status = response.statusCode ?? 502;
          // Response refuses a body on these statuses.
          const nullBody = status === 204 || status === 205 || status === 304;
          resolve(
            new Response(nullBody ? null : Buffer.concat(chunks), {status, headers: replyHeaders}),
          );
        });
      });
      request.end(body);
    });

  return {
    fetch: send as typeof fetch,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

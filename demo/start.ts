/**
 * `npm start`: the demo pages, the proxy under /api/palomma and (with no API key) the local sandbox, in one process.
 * The pages load the built script-tag bundles from dist/, exactly what a merchant embeds.
 */
import {readFile} from 'node:fs/promises';
import {extname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Hono} from 'hono';
import {runServer, startServer, type StartServerOptions} from '../proxy/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

// Only these names are served: the demo folder also holds this script, which is nobody's business.
const demoFile = /^\/([a-z0-9-]+\.(?:html|css|svg))$/;
const distFile = /^\/dist\/([A-Za-z0-9._-]+\.(?:js|json|map))$/;

/**
 * The strict policy the README promises merchants the widget works under: no inline script or style, no eval, and
 * nothing from other origins. The demo runs under it so every flow proves it.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

async function fileResponse(path: string): Promise<Response | undefined> {
  try {
    const body = await readFile(path);
    const type = contentTypes[extname(path)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {'content-type': type, 'cache-control': 'no-cache'};
    if (type.startsWith('text/html')) headers['content-security-policy'] = contentSecurityPolicy;
    return new Response(body, {headers});
  } catch {
    return undefined;
  }
}

/** Adds the demo pages and the built widget to the proxy's Node app. */
export function mountDemo(app: Hono): void {
  app.get('*', async (c, next) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const demo = demoFile.exec(path);
    const dist = distFile.exec(path);
    const file = demo
      ? join(root, 'demo', demo[1]!)
      : dist
        ? join(root, 'dist', dist[1]!)
        : undefined;
    const response = file ? await fileResponse(file) : undefined;
    return response ?? next();
  });
}

function demoOptions(options: {env?: Record<string, string | undefined>; port?: number}) {
  const env: Record<string, string | undefined> = {
    PALOMMA_RETURN_URL: '/return.html',
    ...(options.env ?? process.env),
  };
  return {
    env,
    mount: mountDemo,
    ...(options.port === undefined ? {} : {port: options.port}),
  } satisfies StartServerOptions;
}

/** Starts the whole demo; `port: 0` picks a free port (tests). */
export function startDemo(options: {env?: Record<string, string | undefined>; port?: number} = {}) {
  return startServer(demoOptions(options));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runServer(demoOptions({}), (demo) => {
    console.log(`\n  palomma-pay demo: open ${demo.url}/`);
    if (demo.sandboxOrigin) {
      console.log(`  local Palomma sandbox at ${demo.sandboxOrigin}: nothing is charged`);
    }
    console.log('  Ctrl-C stops everything.\n');
  });
}

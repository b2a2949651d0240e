/**
 * The Node entry: `npm run proxy`, and `startServer()` for the demo and tests. With no `PALOMMA_API_KEY` (and no
 * `PALOMMA_API_URL`) it runs the local sandbox in the same process, with the sandbox's own `PALOMMA_SANDBOX_*`
 * settings (faults, latency, webhooks), and sends every invoice there.
 */
import {createAdaptorServer} from '@hono/node-server';
import {getConnInfo} from '@hono/node-server/conninfo';
import {Hono} from 'hono';
import {readFileSync} from 'node:fs';
import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {pathToFileURL} from 'node:url';
import {createProxy} from './app.js';
import {ConfigError, loadConfig} from './config.js';
import {consoleSink, type LogSink} from './log.js';
import {createKeepAliveFetch} from './node-fetch.js';
import {readSandboxEnv, SandboxEnvError, type SandboxEnv} from './sandbox/env.js';
import {runUntilStopped} from './run-until-stopped.js';
import {startSandboxServer, type SandboxServer} from './sandbox/server.js';

/** The port is taken; the message is the one line to show. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly port: number,
    variable: string,
  ) {
    super(`Port ${port} is already in use: set ${variable} to another port`);
  }
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Environment to read `PORT`, `HOST` and `PALOMMA_*` from (usually `process.env`). */
  env: Record<string, string | undefined>;
  /** Overrides `PORT` (default 8787); 0 picks a free port. */
  port?: number;
  /** Overrides `HOST` (default 127.0.0.1). */
  hostname?: string;
  /** Adds routes to the root app before the proxy's (the demo's static pages). */
  mount?: (app: Hono) => void;
  /** Receives log lines (default: JSON on stdout). */
  log?: LogSink;
  /** Longest wait for in-flight requests on close before connections are cut. Default 10 s. */
  shutdownTimeoutMs?: number;
}

/** A listening proxy. */
export interface RunningServer {
  /** Where this machine reaches the server, e.g. `http://localhost:8787` (no trailing slash). */
  url: string;
  /** The proxy's base URL, what the widget's `endpoint` attribute takes: `url` + `PALOMMA_BASE_PATH`. */
  endpoint: string;
  /** The in-process sandbox's origin, in sandbox mode. */
  sandboxOrigin?: string;
  /** Stops accepting, lets in-flight requests finish, then stops the sandbox. */
  close(): Promise<void>;
}

function port(value: string | undefined, variable: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new ConfigError(variable, `must be a port number (0–65535), got "${value}"`);
  }
  return parsed;
}

function listen(
  server: Server,
  portNumber: number,
  hostname: string,
  variable: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(portNumber, variable) : error);
    };
    server.once('error', onError);
    server.listen(portNumber, hostname, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Loads the configuration, starts the local sandbox when there is no API key, and serves the proxy under
 * `PALOMMA_BASE_PATH` (default `/api/palomma`).
 * @throws {ConfigError} for a bad setting; {@link PortInUseError} when a port is taken.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const {env} = options;
  const readTextFile = (path: string) => readFileSync(path, 'utf8');
  const portNumber = options.port ?? port(env.PORT, 'PORT', 8787);
  const hostname = options.hostname ?? (env.HOST?.trim() || '127.0.0.1');
  // Checked before anything listens, so a bad setting never leaves a half-started process.
  // This server sets PALOMMA_PUBLIC_URL itself once it listens (below), so the check assumes one.
  const checked = loadConfig({PALOMMA_PUBLIC_URL: 'http://localhost', ...env}, {readTextFile});
  const log = options.log ?? (checked.log === 'off' ? () => {} : consoleSink);

  let sandbox: SandboxServer | undefined;
  const proxyEnv = {...env};
  if (checked.mode === 'sandbox' && !env.PALOMMA_API_URL?.trim()) {
    const sandboxPort = port(
      env.PALOMMA_SANDBOX_PORT,
      'PALOMMA_SANDBOX_PORT',
      portNumber === 0 ? 0 : portNumber + 1,
    );
    let settings: SandboxEnv;
    try {
      settings = readSandboxEnv(env);
    } catch (error) {
      if (!(error instanceof SandboxEnvError)) throw error;
      throw new ConfigError(
        error.message.split('=')[0]!,
        error.message.replace(/^[^=]*=/, 'value '),
      );
    }
    // The in-process sandbox serves this proxy only, which sends its own placeholder key.
    const sandboxOptions = {...settings.options};
    delete sandboxOptions.apiKeys;
    try {
      sandbox = await startSandboxServer({
        ...sandboxOptions,
        ...(settings.origin ? {origin: settings.origin} : {}),
        port: sandboxPort,
        // Its test controls must not reach a network, whatever HOST the proxy listens on.
        hostname: settings.hostname,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(sandboxPort, 'PALOMMA_SANDBOX_PORT');
      }
      throw error;
    }
    proxyEnv.PALOMMA_API_URL = `${sandbox.origin}/v1`;
  }

  let handle: (request: Request, bindings: unknown) => Response | Promise<Response> = () =>
    new Response('starting', {status: 503});
  const server = createAdaptorServer({
    fetch: (request, bindings) => handle(request, bindings),
  }) as Server;
  let actualPort: number;
  try {
    actualPort = await listen(server, portNumber, hostname, 'PORT');
  } catch (error) {
    await sandbox?.close();
    throw error;
  }

  const local = ['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1'].includes(hostname);
  const url = `http://${local ? 'localhost' : hostname}:${actualPort}`;
  // A path-only PALOMMA_RETURN_URL resolves against this origin, so it works on a port chosen at run time.
  proxyEnv.PALOMMA_PUBLIC_URL = env.PALOMMA_PUBLIC_URL?.trim() || url;
  const config = loadConfig(proxyEnv, {readTextFile});
  const transport = createKeepAliveFetch();
  const proxy = createProxy(config, {
    fetch: transport.fetch,
    log,
    clientIp: (c) => getConnInfo(c).remote.address,
  });
  const root = new Hono();
  options.mount?.(root);
  root.route(config.basePath || '/', proxy);
  handle = (request, bindings) => root.fetch(request, bindings);

  // Graceful shutdown: count requests so close() can wait for the last answer, then drop idle sockets.
  let inFlight = 0;
  let closing: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    response.on('close', () => {
      inFlight--;
      if (closing) server.closeIdleConnections();
      if (inFlight === 0) drained?.();
    });
  });

  log({
    time: new Date().toISOString(),
    level: config.mode === 'sandbox' ? 'warn' : 'info',
    event: 'listening',
    url: `${url}${config.basePath}`,
    mode: config.mode,
    ...(sandbox
      ? {
          sandboxOrigin: sandbox.origin,
          message: `SANDBOX MODE: no PALOMMA_API_KEY, invoices go to the local Palomma sandbox at ${sandbox.origin}; nothing is charged`,
        }
      : config.mode === 'sandbox'
        ? {
            message: `SANDBOX MODE: no PALOMMA_API_KEY, invoices go to ${config.apiUrl}; nothing is charged`,
          }
        : {upstream: config.apiUrl}),
  });

  return {
    url,
    endpoint: `${url}${config.basePath}`,
    ...(sandbox ? {sandboxOrigin: sandbox.origin} : {}),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          await new Promise<void>((resolve) => {
            drained = resolve;
            const timer = setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000);
            timer.unref();
          });
        }
        server.closeAllConnections();
        await stopped;
        transport.close();
        await sandbox?.close();
      })();
      return closing;
    },
  };
}

/**
 * Runs a server from the command line (`npm run proxy`, `npm start`): a bad setting or a taken port is one line and
 * exit code 1; Ctrl-C or SIGTERM finish in-flight requests first.
 * @param announce prints where to go once the server listens.
 */
export function runServer(
  options: StartServerOptions,
  announce: (running: RunningServer) => void,
): Promise<void> {
  return runUntilStopped(
    'palomma-pay',
    () => startServer(options),
    (error) =>
      error instanceof ConfigError || error instanceof PortInUseError ? error.message : undefined,
    announce,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runServer({env: process.env}, (running) => {
    console.log(`\n  palomma-pay proxy: ${running.endpoint}`);
    if (running.sandboxOrigin) {
      console.log(
        `  local Palomma sandbox: ${running.sandboxOrigin} (SANDBOX MODE: nothing is charged)`,
      );
    }
    console.log('');
  });
}

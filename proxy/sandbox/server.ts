/**
 * The sandbox on a real port (Node only). `npm run sandbox` runs this file: it reads `PALOMMA_SANDBOX_*`, prints the
 * URL, and stops cleanly on Ctrl-C or SIGTERM.
 */
import {serve} from '@hono/node-server';
import type {Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {pathToFileURL} from 'node:url';
import {createSandbox, type Sandbox, type SandboxOptions} from './app.js';
import {runUntilStopped} from '../run-until-stopped.js';
import {readSandboxEnv, SandboxEnvError} from './env.js';

/** Where and how to run the sandbox server. */
export interface SandboxServerOptions extends Partial<SandboxOptions> {
  /** Port; 0 picks a free one (tests). Default 8788. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (loopback only: the test controls must not reach a network). */
  hostname?: string;
}

/** A listening sandbox. */
export interface SandboxServer {
  /** The origin a browser on this machine opens, e.g. `http://localhost:8788`. */
  origin: string;
  sandbox: Sandbox;
  /** Stops listening, ends open connections and the sandbox's timers. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox on `hostname:port`. The `paymentUrl` origin is `options.origin` when given, else
 * `http://localhost:<actual port>` (browsers resolve `localhost` to loopback).
 */
export async function startSandboxServer(
  options: SandboxServerOptions = {},
): Promise<SandboxServer> {
  const {port = 8788, hostname = '127.0.0.1', origin: fixedOrigin, ...rest} = options;
  const sandbox = createSandbox({...rest, origin: fixedOrigin ?? 'http://localhost'});
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({fetch: sandbox.app.fetch, port, hostname}) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', (error) => {
      void sandbox.close();
      reject(error);
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const origin = fixedOrigin ? new URL(fixedOrigin).origin : `http://localhost:${actualPort}`;
  sandbox.origin = origin;
  let closing: Promise<void> | undefined;
  return {
    origin,
    sandbox,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // Hanging requests end first (they answer 503), then idle keep-alive sockets are dropped.
        await sandbox.close();
        server.closeIdleConnections();
        setImmediate(() => server.closeAllConnections());
        await stopped;
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  let port: number | undefined;
  await runUntilStopped(
    'palomma sandbox',
    async () => {
      const settings = readSandboxEnv(process.env);
      port = settings.port;
      const {hostname, origin} = settings;
      return {
        settings,
        ...(await startSandboxServer({...settings.options, port, hostname, origin})),
      };
    },
    (error) => {
      if (error instanceof SandboxEnvError) return error.message;
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        return `port ${port} is already in use; stop the other process or set PALOMMA_SANDBOX_PORT.`;
      }
      return undefined;
    },
    (running) => {
      const keys = running.settings.options.apiKeys ? ' listed in PALOMMA_SANDBOX_API_KEYS' : '';
      console.log(`Palomma sandbox listening on ${running.origin}`);
      console.log(`  API:            ${running.origin}/v1  (any Bearer key${keys})`);
      console.log(`  Test controls:  ${running.origin}/__sandbox`);
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}

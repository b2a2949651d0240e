/**
 * The Cloudflare Workers entry: the same proxy app, configured from the Worker's bindings (`vars` and secrets
 * named like the Node environment), mounted at `PALOMMA_BASE_PATH`. With a KV namespace bound as `PALOMMA_KV`,
 * idempotency, status cache and rate limits are shared across isolates (see kv-store.ts for what that guarantees).
 */
import {Hono} from 'hono';
import {createProxy} from './app.js';
import {ConfigError, loadConfig} from './config.js';
import {ProxyError} from './errors.js';
import {kvStore, type KvNamespaceLike} from './kv-store.js';
import {consoleSink} from './log.js';

/** The Worker's bindings: strings for settings, optionally a KV namespace. */
export interface WorkerEnv {
  PALOMMA_KV?: KvNamespaceLike;
  [name: string]: unknown;
}

let app: Hono | undefined;
let failure: ConfigError | undefined;

function build(env: WorkerEnv): Hono | undefined {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (typeof value === 'string') settings[name] = value;
  try {
    const config = loadConfig({PALOMMA_CLIENT_IP_HEADER: 'cf-connecting-ip', ...settings});
    const root = new Hono();
    root.route(
      config.basePath || '/',
      createProxy(config, env.PALOMMA_KV ? {store: kvStore(env.PALOMMA_KV)} : {}),
    );
    return root;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    failure = error;
    return undefined;
  }
}

export default {
  /** Bindings do not change within an isolate, so the app is built on the first request and kept. */
  fetch(request: Request, env: WorkerEnv, context: unknown): Response | Promise<Response> {
    app ??= build(env);
    if (app) return app.fetch(request, env, context as never);
    // The message names the variable only in the log: a visitor learns nothing about the setup.
    consoleSink({level: 'error', event: 'config_error', problem: failure?.message});
    const error = new ProxyError('internal', 'The payment proxy is misconfigured.');
    return Response.json(error.toBody(), {status: 500, headers: {'cache-control': 'no-store'}});
  },
};

/**
 * Test controls under `/__sandbox`, off Palomma's API paths: the clock, invoices (list, change status, finish a
 * pending payment), faults, lifecycle rules, webhooks and reset. JSON in, JSON out. The sandbox binds to loopback, and
 * these routes exist only there: never expose a sandbox to a network.
 */
import type {Hono} from 'hono';
import * as z from 'zod/mini';
import {readJsonBody} from './body.js';
import {SandboxError} from './errors.js';
import {bodyFaults, paymentUrlFaults} from './faults.js';
import {invoiceStatuses, paymentMethods, paymentSources, type InvoiceRecord} from './invoice.js';
import {duplicateReferenceModes, type LifecycleOptions} from './invoices.js';
import type {Sandbox} from './app.js';
import {PALOMMA_MAX_AMOUNT} from '../../widget/limits.js';
import {CreateInvoiceBody} from './validate/schemas.js';

const StatusChangeBody = z.object({
  status: z.enum(invoiceStatuses),
  paymentMethod: z.optional(z.enum(paymentMethods)),
  paymentSource: z.optional(z.enum(paymentSources)),
  paymentAmount: z.optional(z.int().check(z.gte(0), z.lte(PALOMMA_MAX_AMOUNT))),
});

const CompleteBody = z.object({outcome: z.enum(['paid', 'declined'])});

const ClockBody = z.union([
  z.object({set: z.string().check(z.refine((v) => Number.isFinite(Date.parse(v))))}),
  z.object({advance: z.number().check(z.refine(Number.isFinite))}),
]);

const FaultSettingsBody = z.partial(
  z.object({
    latencyMs: z.int().check(z.gte(0), z.lte(600_000)),
    errorRate: z.number().check(z.gte(0), z.lte(1)),
    errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    seed: z.int(),
    hang: z.boolean(),
    body: z.enum(bodyFaults),
    paymentUrl: z.enum(paymentUrlFaults),
    duplicateReference: z.enum(duplicateReferenceModes),
  }),
);

const NextFaultBody = z.object({
  fault: z.string().check(z.minLength(1)),
  count: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
  method: z.optional(z.string()),
  path: z.optional(z.string()),
});

const LifecycleBody = z.partial(
  z.object({
    expiredStatus: z.enum(['ready', 'cancelled']),
    declineStatus: z.enum(['ready', 'cancelled']),
    pendingDelayMs: z.nullable(z.int().check(z.gte(0))),
    pendingOutcome: z.enum(['paid', 'declined']),
    fillCustomerName: z.boolean(),
    settlementFeeRate: z.number().check(z.gte(0), z.lt(1)),
  }),
);

const CreateBody = z.extend(CreateInvoiceBody, {
  paid: z.optional(
    z.object({
      paymentMethod: z.optional(z.enum(paymentMethods)),
      paymentSource: z.optional(z.enum(paymentSources)),
    }),
  ),
});

async function parse<T>(request: Request, schema: z.ZodMiniType<T>): Promise<T> {
  const result = schema.safeParse(await readJsonBody(request, 64 * 1024));
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) fields[issue.path.join('.') || 'body'] = 'invalid';
    throw new SandboxError(400, 'invalid_request', 'Invalid test control body', fields);
  }
  return result.data;
}

/** An invoice as the test controls show it: the API view plus what Palomma keeps to itself. */
function adminView(sandbox: Sandbox, record: InvoiceRecord) {
  return {
    ...sandbox.view(record),
    redirectUrl: record.redirectUrl,
    ...(record.documentType === undefined ? {} : {documentType: record.documentType}),
    ...(record.transaction === undefined ? {} : {transaction: record.transaction}),
  };
}

function memoryMiB(): {rss: number; heapUsed: number} {
  const {rss, heapUsed} = process.memoryUsage();
  const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  return {rss: mib(rss), heapUsed: mib(heapUsed)};
}

/** Registers the `/__sandbox` routes. */
export function mountAdmin(app: Hono, sandbox: Sandbox, lifecycle: LifecycleOptions): void {
  const base = '/__sandbox';
  const settings = () => ({
    ...lifecycle,
    settlementFeeRate: sandbox.settlementFeeRate,
  });

  app.get(base, (c) =>
    c.json({
      origin: sandbox.origin,
      now: new Date(sandbox.clock.now()).toISOString(),
      clockFrozen: sandbox.clock.frozen,
      invoices: sandbox.list().length,
      settings: settings(),
      faults: {settings: sandbox.faults.settings, queue: sandbox.faults.queue},
      webhooks: sandbox.webhooks.options ? {url: sandbox.webhooks.options.url} : null,
      // Lets a long demo or a load test check that memory stays bounded.
      memory: memoryMiB(),
    }),
  );

  app.get(`${base}/invoices`, (c) => {
    sandbox.invoices.sweep();
    const items = sandbox.list().map((record) => adminView(sandbox, record));
    return c.json({items, count: items.length});
  });

  app.post(`${base}/invoices`, async (c) => {
    const {paid, ...body} = await parse(c.req.raw, CreateBody);
    const {record} = sandbox.invoices.create(body, 'allow');
    if (paid) {
      sandbox.invoices.setStatus(record.id, {
        status: 'paid',
        paymentMethod: paid.paymentMethod ?? 'pse',
        paymentSource: paid.paymentSource ?? 'portal',
      });
    }
    return c.json(adminView(sandbox, record), 200);
  });

  app.get(`${base}/invoices/:id`, (c) =>
    c.json(adminView(sandbox, sandbox.invoices.require(c.req.param('id')))),
  );

  app.post(`${base}/invoices/:id/status`, async (c) => {
    const change = await parse(c.req.raw, StatusChangeBody);
    return c.json(adminView(sandbox, sandbox.invoices.setStatus(c.req.param('id'), change)));
  });

  app.post(`${base}/invoices/:id/complete`, async (c) => {
    const {outcome} = await parse(c.req.raw, CompleteBody);
    return c.json(adminView(sandbox, sandbox.invoices.complete(c.req.param('id'), outcome)));
  });

  app.get(`${base}/clock`, (c) =>
    c.json({now: new Date(sandbox.clock.now()).toISOString(), frozen: sandbox.clock.frozen}),
  );

  app.post(`${base}/clock`, async (c) => {
    const body = await parse(c.req.raw, ClockBody);
    try {
      if ('set' in body) sandbox.clock.set(body.set);
      else sandbox.clock.advance(body.advance);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new SandboxError(400, 'invalid_request', error.message, {advance: 'invalid'});
    }
    return c.json({now: new Date(sandbox.clock.now()).toISOString(), frozen: sandbox.clock.frozen});
  });

  app.get(`${base}/faults`, (c) =>
    c.json({settings: sandbox.faults.settings, queue: sandbox.faults.queue}),
  );

  app.patch(`${base}/faults`, async (c) => {
    const changes = await parse(c.req.raw, FaultSettingsBody);
    sandbox.faults.set(changes);
    return c.json({settings: sandbox.faults.settings, queue: sandbox.faults.queue});
  });

  app.delete(`${base}/faults`, (c) => {
    sandbox.faults.clear();
    return c.json({settings: sandbox.faults.settings, queue: sandbox.faults.queue});
  });

  app.post(`${base}/faults/next`, async (c) => {
    const fault = await parse(c.req.raw, NextFaultBody);
    sandbox.faults.next(fault);
    return c.json({settings: sandbox.faults.settings, queue: sandbox.faults.queue});
  });

  app.get(`${base}/settings`, (c) => c.json(settings()));

  app.patch(`${base}/settings`, async (c) => {
    const {settlementFeeRate, ...changes} = await parse(c.req.raw, LifecycleBody);
    Object.assign(lifecycle, changes);
    if (settlementFeeRate !== undefined) sandbox.settlementFeeRate = settlementFeeRate;
    return c.json(settings());
  });

  app.get(`${base}/webhooks`, (c) => {
    const items = sandbox.webhooks.deliveries();
    return c.json({items, count: items.length});
  });

  app.post(`${base}/reset`, (c) => {
    sandbox.reset();
    return c.json({ok: true});
  });
}

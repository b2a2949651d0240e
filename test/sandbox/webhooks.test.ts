import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, beforeEach, describe, it} from 'node:test';
import type {Sandbox} from '../../proxy/sandbox/app.js';
import {hmacSigner, verifyWebhook} from '../../proxy/sandbox/webhook-signature.js';
import {call, createInvoice, newSandbox, submitPayPage} from './helpers.js';

const KEY = 'integrity_test_key';

interface Received {
  webhookId: string;
  timestamp: string;
  type: string;
  data: {id: string; status: string};
}

/**
 * A merchant's webhook endpoint on loopback: verifies every signature, fails the first `failFirst` attempts of each
 * webhook, can be slow, and processes each webhookId once.
 */
class Receiver {
  server!: Server;
  url = '';
  failFirst = 0;
  delayFirstMs = 0;
  readonly attempts: {body: string; headers: IncomingMessage['headers']; verified: boolean}[] = [];
  readonly processed: Received[] = [];
  private readonly _seen = new Map<string, number>();

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const verdict = await verifyWebhook(
        req.headers as Record<string, string | undefined>,
        body,
        KEY,
      );
      this.attempts.push({body, headers: req.headers, verified: verdict.ok});
      if (!verdict.ok) return void res.writeHead(401).end();
      const payload = verdict.payload as Received;
      const count = (this._seen.get(payload.webhookId) ?? 0) + 1;
      this._seen.set(payload.webhookId, count);
      if (count === 1 && this.delayFirstMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.delayFirstMs));
      }
      if (count <= this.failFirst) return void res.writeHead(500).end('try later');
      if (!this.processed.some((p) => p.webhookId === payload.webhookId))
        this.processed.push(payload);
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/palomma`;
  }

  reset(): void {
    this.failFirst = 0;
    this.delayFirstMs = 0;
    this.attempts.length = 0;
    this.processed.length = 0;
    this._seen.clear();
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const receiver = new Receiver();
const sandboxes: Sandbox[] = [];
before(() => receiver.start());
beforeEach(() => receiver.reset());
after(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  await receiver.stop();
});

function webhookSandbox(
  webhook: Partial<NonNullable<Parameters<typeof newSandbox>[0]>['webhook']> = {},
) {
  const sandbox = newSandbox({
    webhook: {url: receiver.url, integrityKey: KEY, retryDelaysMs: [5, 10, 20], ...webhook},
  });
  sandboxes.push(sandbox);
  return sandbox;
}

async function payOne(sandbox: Sandbox, method = 'pse') {
  const invoice = await createInvoice(sandbox);
  await submitPayPage(sandbox, invoice.paymentUrl, {method, outcome: 'approve'});
  await sandbox.webhooks.idle();
  return invoice;
}

describe('webhooks', () => {
  describe('when an invoice is paid on the hosted page', () => {
    it('POSTs the documented envelope, signed, with the invoice as the API shows it', async () => {
      const sandbox = webhookSandbox();

      const invoice = await payOne(sandbox, 'card');

      assert.equal(receiver.attempts.length, 1);
      const [attempt] = receiver.attempts;
      assert.equal(attempt!.verified, true);
      assert.equal(attempt!.headers['content-type'], 'application/json');
      assert.equal(
        attempt!.headers['x-encoded-data'],
        Buffer.from(attempt!.body, 'utf8').toString('base64'),
      );
      assert.match(String(attempt!.headers['x-signature']), /^[0-9a-f]{64}$/);
      const envelope = JSON.parse(attempt!.body);
      assert.deepEqual(Object.keys(envelope), ['webhookId', 'timestamp', 'type', 'data']);
      assert.equal(envelope.type, 'invoice');
      assert.match(envelope.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const current = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);
      assert.deepEqual(envelope.data, current.json);
      assert.equal(sandbox.webhooks.deliveries()[0]!.state, 'delivered');
    });
  });

  describe('when the receiver fails the first attempts', () => {
    it('retries with the same webhookId and a new timestamp until a 200', async () => {
      receiver.failFirst = 2;
      const sandbox = webhookSandbox();

      await payOne(sandbox);

      const bodies = receiver.attempts.map((a) => JSON.parse(a.body) as Received);
      assert.equal(bodies.length, 3);
      assert.equal(new Set(bodies.map((b) => b.webhookId)).size, 1);
      const stamps = bodies.map((b) => Date.parse(b.timestamp));
      assert.ok(stamps[0]! < stamps[1]! && stamps[1]! < stamps[2]!, 'timestamps must grow');
      assert.ok(receiver.attempts.every((a) => a.verified));
      assert.equal(receiver.processed.length, 1);
      const [delivery] = sandbox.webhooks.deliveries();
      assert.deepEqual(
        delivery!.attempts.map((a) => a.status),
        [500, 500, 200],
      );
      assert.equal(delivery!.state, 'delivered');
    });
  });

  describe('when the receiver is slower than the timeout', () => {
    it('counts the attempt as failed and retries', async () => {
      receiver.delayFirstMs = 300;
      const sandbox = webhookSandbox({timeoutMs: 100});

      await payOne(sandbox);

      const [delivery] = sandbox.webhooks.deliveries();
      assert.equal(delivery!.attempts.length, 2);
      assert.match(delivery!.attempts[0]!.error!, /TimeoutError|abort/i);
      assert.equal(delivery!.attempts[1]!.status, 200);
    });
  });

  describe('when the receiver never accepts', () => {
    it('gives up after the bounded attempts and records the failure', async () => {
      receiver.failFirst = 100;
      const sandbox = webhookSandbox({retryDelaysMs: [1, 1]});

      await payOne(sandbox);

      const [delivery] = sandbox.webhooks.deliveries();
      assert.equal(delivery!.state, 'failed');
      assert.equal(delivery!.attempts.length, 3);
      assert.equal(receiver.processed.length, 0);
    });

    it('records connection errors too', async () => {
      const sandbox = webhookSandbox({url: 'http://127.0.0.1:1/hook', retryDelaysMs: [1]});

      await payOne(sandbox);

      const [delivery] = sandbox.webhooks.deliveries();
      assert.equal(delivery!.state, 'failed');
      assert.ok(delivery!.attempts.every((a) => a.error !== undefined && a.status === undefined));
    });
  });

  describe('when a delivery arrives twice', () => {
    it('the receiver dedupes it by webhookId', async () => {
      const sandbox = webhookSandbox({duplicateDeliveries: true});

      await payOne(sandbox);

      assert.equal(receiver.attempts.length, 2);
      const ids = receiver.attempts.map((a) => (JSON.parse(a.body) as Received).webhookId);
      assert.equal(ids[0], ids[1]);
      assert.equal(receiver.processed.length, 1);
    });
  });

  describe('when other final statuses are reached', () => {
    it('sends one webhook per final status: paid, chargeback, cancelled; none for ready', async () => {
      const sandbox = webhookSandbox();
      const a = await createInvoice(sandbox, {reference: 'A'});
      const b = await createInvoice(sandbox, {reference: 'B'});
      await createInvoice(sandbox, {reference: 'C'});

      sandbox.invoices.setStatus(a.id, {status: 'paid', paymentSource: 'portal'});
      sandbox.invoices.setStatus(a.id, {status: 'chargeback'});
      sandbox.invoices.setStatus(b.id, {status: 'cancelled'});
      await sandbox.webhooks.idle();

      const seen = receiver.processed.map(
        (p) => `${p.data.id === a.id ? 'A' : 'B'}:${p.data.status}`,
      );
      assert.deepEqual(seen.sort(), ['A:chargeback', 'A:paid', 'B:cancelled']);
    });

    it('sends cancelled when an expired link turns cancelled (expiredStatus cancelled)', async () => {
      const sandbox = newSandbox({
        expiredStatus: 'cancelled',
        webhook: {url: receiver.url, integrityKey: KEY, retryDelaysMs: [5]},
      });
      sandboxes.push(sandbox);
      const invoice = await createInvoice(sandbox);

      sandbox.clock.advance(5 * 60 * 1000);
      await sandbox.webhooks.idle();

      assert.deepEqual(
        receiver.processed.map((p) => [p.data.id, p.data.status]),
        [[invoice.id, 'cancelled']],
      );
    });
  });

  describe('when a settlement cycle with payments closes', () => {
    it('sends one settlement webhook with the report', async () => {
      const sandbox = webhookSandbox();
      const invoice = await payOne(sandbox);
      receiver.reset();

      sandbox.clock.set('2026-03-11T17:59:59.999Z'); // 12:59:59.999 in Bogotá: not yet
      await sandbox.webhooks.idle();
      const before = receiver.processed.length;
      sandbox.clock.advance(1);
      await sandbox.webhooks.idle();

      assert.equal(before, 0);
      assert.equal(receiver.processed.length, 1);
      const [settlement] = receiver.processed as unknown as {
        type: string;
        data: {date: string; cycle: string; status: string; invoices: {invoiceId: string}[]};
      }[];
      assert.equal(settlement!.type, 'settlement');
      assert.equal(settlement!.data.date, '2026-03-11');
      assert.equal(settlement!.data.cycle, '13:00');
      assert.equal(settlement!.data.status, 'settled');
      assert.deepEqual(
        settlement!.data.invoices.map((line) => line.invoiceId),
        [invoice.id],
      );
    });
  });

  describe('when a custom signer is plugged in', () => {
    it('sends its headers instead', async () => {
      const sandbox = webhookSandbox({
        signer: async (body) => ({'X-Signature': `custom-${body.length}`}),
      });

      await payOne(sandbox);

      assert.match(String(receiver.attempts[0]!.headers['x-signature']), /^custom-\d+$/);
      assert.equal(receiver.attempts[0]!.headers['x-encoded-data'], undefined);
      assert.equal(receiver.attempts[0]!.verified, false);
    });
  });

  describe('when the sandbox closes during a backoff', () => {
    it('stops retrying at once instead of waiting out the timer', async () => {
      receiver.failFirst = 100;
      const sandbox = newSandbox({
        webhook: {url: receiver.url, integrityKey: KEY, retryDelaysMs: [60_000]},
      });
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'pse', outcome: 'approve'});
      while (receiver.attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const started = performance.now();

      await sandbox.close();

      assert.ok(performance.now() - started < 1000, 'close waited for the backoff');
      assert.equal(sandbox.webhooks.deliveries()[0]!.state, 'failed');
    });
  });
});

describe('verifyWebhook', () => {
  const body = JSON.stringify({webhookId: '01HQY8EW1H9YGH5PAV5Y2M9R3T', type: 'invoice', data: {}});

  it('accepts what hmacSigner signed and returns the payload', async () => {
    const headers = await hmacSigner(KEY)(body);

    const verdict = await verifyWebhook(headers, body, KEY);

    assert.deepEqual(verdict, {ok: true, payload: JSON.parse(body)});
  });

  it('accepts a Headers object', async () => {
    const headers = new Headers(await hmacSigner(KEY)(body));

    assert.equal((await verifyWebhook(headers, body, KEY)).ok, true);
  });

  it('refuses another key', async () => {
    const headers = await hmacSigner('other key')(body);

    assert.deepEqual(await verifyWebhook(headers, body, KEY), {ok: false, reason: 'bad_signature'});
  });

  it('refuses a body that differs from the signed copy', async () => {
    const headers = await hmacSigner(KEY)(body);

    const verdict = await verifyWebhook(headers, body.replace('invoice', 'settlement'), KEY);

    assert.deepEqual(verdict, {ok: false, reason: 'body_mismatch'});
  });

  it('refuses a tampered signature or missing headers', async () => {
    const headers = await hmacSigner(KEY)(body);
    const flipped = {
      ...headers,
      'X-Signature': headers['X-Signature']!.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    };

    assert.deepEqual(await verifyWebhook(flipped, body, KEY), {ok: false, reason: 'bad_signature'});
    assert.deepEqual(await verifyWebhook({...headers, 'X-Signature': 'zz'}, body, KEY), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(await verifyWebhook({}, body, KEY), {ok: false, reason: 'missing_headers'});
  });

  it('handles non-ASCII bodies (tildes in Spanish descriptions)', async () => {
    const spanish = JSON.stringify({data: {description: 'Administración — año'}});
    const headers = await hmacSigner(KEY)(spanish);

    assert.equal((await verifyWebhook(headers, spanish, KEY)).ok, true);
    assert.equal(headers['X-Encoded-Data'], Buffer.from(spanish).toString('base64'));
  });
});

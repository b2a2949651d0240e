import assert from 'node:assert/strict';
import {after, beforeEach, describe, it} from 'node:test';
import {
  assertError,
  call,
  createInvoice,
  exampleInvoice,
  newSandbox,
  submitPayPage,
} from './helpers.js';

const sandbox = newSandbox();
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

const admin = (method: string, path: string, body?: unknown) =>
  call(sandbox, method, `/__sandbox${path}`, {auth: false, ...(body === undefined ? {} : {body})});

describe('test controls under /__sandbox', () => {
  describe('GET /__sandbox', () => {
    it('summarises origin, clock, invoices, settings and faults without a key', async () => {
      await createInvoice(sandbox);

      const answer = await admin('GET', '');

      assert.equal(answer.status, 200);
      assert.equal(answer.json.origin, 'http://localhost:8788');
      assert.equal(answer.json.clockFrozen, true);
      assert.equal(answer.json.invoices, 1);
      assert.equal(answer.json.settings.declineStatus, 'ready');
      assert.equal(answer.json.faults.settings.duplicateReference, 'allow');
      assert.ok(answer.json.memory.rss > 0 && answer.json.memory.heapUsed > 0);
    });
  });

  describe('the clock', () => {
    it('advances and jumps, and the API follows', async () => {
      const invoice = await createInvoice(sandbox, {}, {});

      const advanced = await admin('POST', '/clock', {advance: 60_000});
      const set = await admin('POST', '/clock', {set: '2030-01-01T00:00:00.000Z'});
      const later = await createInvoice(sandbox, {reference: 'LATER'});
      const read = await admin('GET', '/clock');

      assert.equal(advanced.json.now, '2026-03-11T16:33:14.007Z');
      assert.equal(set.json.now, '2030-01-01T00:00:00.000Z');
      assert.equal(read.json.now, '2030-01-01T00:00:00.000Z');
      assert.equal(later.createdAt, '2030-01-01T00:00:00.000Z');
      assert.ok(later.id > invoice.id);
      sandbox.clock.set('2026-03-11T16:32:14.007Z');
    });

    it('refuses a body that is neither set nor advance', async () => {
      assertError(await admin('POST', '/clock', {set: 'someday'}), 400, 'invalid_request');
      assertError(await admin('POST', '/clock', {advance: '5'}), 400, 'invalid_request');
    });

    it('refuses a move past the range of dates and keeps working', async () => {
      const before = await admin('GET', '/clock');

      const refused = await admin('POST', '/clock', {advance: -1e300});
      const invoice = await createInvoice(sandbox);

      assertError(refused, 400, 'invalid_request');
      assert.equal((await admin('GET', '/clock')).json.now, before.json.now);
      assert.equal(invoice.createdAt, before.json.now);
    });
  });

  describe('invoices', () => {
    it('lists what was created, with redirectUrl and documentType', async () => {
      await createInvoice(sandbox, {documentType: 'cc'});

      const answer = await admin('GET', '/invoices');

      assert.equal(answer.json.count, 1);
      assert.equal(answer.json.items[0].redirectUrl, exampleInvoice.redirectUrl);
      assert.equal(answer.json.items[0].documentType, 'cc');
    });

    it('shows one invoice, and 404 for an unknown one', async () => {
      const invoice = await createInvoice(sandbox);

      const found = await admin('GET', `/invoices/${invoice.id}`);
      const missing = await admin('GET', '/invoices/01HQY8EW1H9YGH5PAV5Y2M9R3T');

      assert.equal(found.json.id, invoice.id);
      assertError(missing, 404, 'not_found');
    });

    it("creates an invoice nobody's proxy created, already paid through WhatsApp", async () => {
      const answer = await admin('POST', '/invoices', {
        ...exampleInvoice,
        reference: 'WA-1',
        paid: {paymentSource: 'whatsapp', paymentMethod: 'nequiButton'},
      });
      const listed = await call(sandbox, 'GET', '/v1/invoices?reference=WA-1');

      assert.equal(answer.status, 200);
      assert.equal(listed.json.items[0].status, 'paid');
      assert.equal(listed.json.items[0].paymentSource, 'whatsapp');
    });

    it('changes a status later: paid through the portal, then charged back', async () => {
      const invoice = await createInvoice(sandbox);

      const paid = await admin('POST', `/invoices/${invoice.id}/status`, {
        status: 'paid',
        paymentSource: 'portal',
        paymentMethod: 'pse',
      });
      const chargeback = await admin('POST', `/invoices/${invoice.id}/status`, {
        status: 'chargeback',
      });

      assert.equal(paid.json.status, 'paid');
      assert.equal(paid.json.paymentSource, 'portal');
      assert.equal(chargeback.json.status, 'chargeback');
      assert.equal(chargeback.json.paymentId, paid.json.paymentId);
    });

    it('refuses a chargeback of an unpaid invoice with 409, and an unknown status with 400', async () => {
      const invoice = await createInvoice(sandbox);

      const chargeback = await admin('POST', `/invoices/${invoice.id}/status`, {
        status: 'chargeback',
      });
      const unknown = await admin('POST', `/invoices/${invoice.id}/status`, {status: 'expired'});

      assertError(chargeback, 409, 'invalid_state');
      assertError(unknown, 400, 'invalid_request', ['status']);
    });

    it('refuses to finish a payment that was never started, with 409 invalid_state', async () => {
      const invoice = await createInvoice(sandbox);

      const answer = await admin('POST', `/invoices/${invoice.id}/complete`, {outcome: 'paid'});

      assertError(answer, 409, 'invalid_state');
    });

    it('finishes a pending payment', async () => {
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'breb', outcome: 'pending'});

      const answer = await admin('POST', `/invoices/${invoice.id}/complete`, {outcome: 'paid'});

      assert.equal(answer.json.status, 'paid');
      assert.equal(answer.json.paymentMethod, 'breb');
    });
  });

  describe('faults', () => {
    it('sets, queues, reads and clears them', async () => {
      const set = await admin('PATCH', '/faults', {latencyMs: 5, duplicateReference: 'reject-409'});
      const queued = await admin('POST', '/faults/next', {fault: 'error=502', count: 1});
      const failed = await call(sandbox, 'GET', '/v1/invoices');
      const cleared = await admin('DELETE', '/faults');

      assert.equal(set.json.settings.latencyMs, 5);
      assert.equal(queued.json.queue.length, 1);
      assert.equal(failed.status, 502);
      assert.equal(cleared.json.settings.latencyMs, 0);
      assert.equal(cleared.json.settings.duplicateReference, 'reject-409', 'a rule, not a fault');
      await admin('PATCH', '/faults', {duplicateReference: 'allow'});
    });

    it('refuses unknown settings values and unknown queued faults', async () => {
      assertError(await admin('PATCH', '/faults', {errorRate: 3}), 400, 'invalid_request');
      assertError(await admin('POST', '/faults/next', {fault: 'explode'}), 400, 'invalid_fault');
    });
  });

  describe('settings', () => {
    it('changes the undocumented lifecycle rules on a running sandbox', async () => {
      const answer = await admin('PATCH', '/settings', {
        declineStatus: 'cancelled',
        expiredStatus: 'cancelled',
        pendingDelayMs: null,
      });
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {outcome: 'decline'});

      assert.equal(answer.json.declineStatus, 'cancelled');
      assert.equal(sandbox.invoices.get(invoice.id)?.status, 'cancelled');
      await admin('PATCH', '/settings', {
        declineStatus: 'ready',
        expiredStatus: 'ready',
        pendingDelayMs: 30_000,
      });
    });

    it('refuses unknown values', async () => {
      assertError(
        await admin('PATCH', '/settings', {declineStatus: 'declined'}),
        400,
        'invalid_request',
      );
    });
  });

  describe('reset', () => {
    it('forgets invoices and faults', async () => {
      await createInvoice(sandbox);
      sandbox.faults.set({latencyMs: 3});

      const answer = await admin('POST', '/reset');

      assert.equal(answer.status, 200);
      assert.equal(sandbox.list().length, 0);
      assert.equal(sandbox.faults.settings.latencyMs, 0);
    });
  });

  describe('bodies', () => {
    it('answer JSON errors for malformed JSON and wrong content types', async () => {
      const malformed = await call(sandbox, 'POST', '/__sandbox/clock', {
        raw: '{',
        headers: {'content-type': 'application/json'},
      });
      const text = await call(sandbox, 'POST', '/__sandbox/clock', {raw: 'advance=1'});

      assertError(malformed, 400, 'invalid_json');
      assertError(text, 415, 'unsupported_media_type');
    });
  });
});

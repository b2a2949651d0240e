import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {SandboxError} from '../../proxy/sandbox/errors.js';
import {call, createInvoice, newSandbox, submitPayPage} from './helpers.js';

const opened: {close(): Promise<void>}[] = [];
after(() => Promise.all(opened.map((s) => s.close())));
function sandboxWith(options: Parameters<typeof newSandbox>[0] = {}) {
  const sandbox = newSandbox(options);
  opened.push(sandbox);
  return sandbox;
}

describe('an unpaid invoice whose link expired', () => {
  describe('by default (expiredStatus ready)', () => {
    it('still reports ready, with its original expirationDate', async () => {
      const sandbox = sandboxWith();
      const invoice = await createInvoice(sandbox);

      sandbox.clock.advance(60 * 60 * 1000);
      const answer = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);

      assert.equal(answer.json.status, 'ready');
      assert.equal(answer.json.expirationDate, invoice.expirationDate);
    });
  });

  describe('with expiredStatus cancelled', () => {
    it('reports cancelled from the expiry instant on, and not a millisecond before', async () => {
      const sandbox = sandboxWith({expiredStatus: 'cancelled'});
      const invoice = await createInvoice(sandbox);

      sandbox.clock.advance(5 * 60 * 1000 - 1);
      const before = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);
      sandbox.clock.advance(1);
      const at = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);
      const listed = await call(sandbox, 'GET', '/v1/invoices');

      assert.equal(before.json.status, 'ready');
      assert.equal(at.json.status, 'cancelled');
      assert.equal(listed.json.items[0].status, 'cancelled');
    });
  });
});

describe('later status changes (test controls)', () => {
  describe('when a paid invoice is charged back', () => {
    it('reports chargeback and keeps every payment field', async () => {
      const sandbox = sandboxWith();
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'card', outcome: 'approve'});
      const paid = (await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`)).json;
      sandbox.clock.advance(3 * 24 * 60 * 60 * 1000);

      sandbox.invoices.setStatus(invoice.id, {status: 'chargeback'});
      const answer = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);

      assert.deepEqual(answer.json, {...paid, status: 'chargeback'});
    });
  });

  describe('when an unpaid invoice is charged back', () => {
    it('refuses: only a paid invoice can be', async () => {
      const sandbox = sandboxWith();
      const invoice = await createInvoice(sandbox);

      assert.throws(
        () => sandbox.invoices.setStatus(invoice.id, {status: 'chargeback'}),
        (error: unknown) => error instanceof SandboxError && error.status === 409,
      );
    });
  });

  describe('when an invoice is paid through the portal or WhatsApp', () => {
    for (const source of ['portal', 'whatsapp'] as const) {
      it(`reports paymentSource ${source} with the chosen method and amount`, async () => {
        const sandbox = sandboxWith();
        const invoice = await createInvoice(sandbox);
        sandbox.clock.set('2026-03-12T02:00:00.000Z'); // 21:00 in Bogotá: after the last cycle.

        sandbox.invoices.setStatus(invoice.id, {
          status: 'paid',
          paymentSource: source,
          paymentMethod: 'breb',
          paymentAmount: 1_000_000,
        });
        const answer = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);

        assert.equal(answer.json.status, 'paid');
        assert.equal(answer.json.paymentSource, source);
        assert.equal(answer.json.paymentMethod, 'breb');
        assert.equal(answer.json.paymentAmount, 1_000_000);
        assert.equal(answer.json.paymentDate, '2026-03-12T02:00:00.000Z');
        assert.equal(answer.json.settlementDate, '2026-03-12');
        assert.equal(answer.json.settlementTime, '11:00');
      });
    }

    it('accepts it even after the link expired (the portal does not use the link)', async () => {
      const sandbox = sandboxWith({expiredStatus: 'cancelled'});
      const invoice = await createInvoice(sandbox);
      sandbox.clock.advance(10 * 60 * 1000);

      sandbox.invoices.setStatus(invoice.id, {status: 'paid'});

      const answer = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);
      assert.equal(answer.json.status, 'paid');
      assert.equal(answer.json.paymentSource, 'portal');
    });
  });

  describe('when an invoice is cancelled', () => {
    it('reports cancelled without payment fields and its link is gone', async () => {
      const sandbox = sandboxWith();
      const invoice = await createInvoice(sandbox);

      sandbox.invoices.setStatus(invoice.id, {status: 'cancelled'});
      const answer = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);
      const page = await sandbox.app.request(new URL(invoice.paymentUrl).pathname);

      assert.equal(answer.json.status, 'cancelled');
      assert.equal('paymentId' in answer.json, false);
      assert.equal(page.status, 410);
    });
  });

  describe('when a pending payment is finished by a test control', () => {
    it('pays it at that instant', async () => {
      const sandbox = sandboxWith({pendingDelayMs: null});
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'nequiButton', outcome: 'pending'});
      sandbox.clock.advance(10_000);

      sandbox.invoices.complete(invoice.id, 'paid');
      const answer = await call(sandbox, 'GET', `/v1/invoices/${invoice.id}`);

      assert.equal(answer.json.status, 'paid');
      assert.equal(answer.json.paymentMethod, 'nequiButton');
      assert.equal(answer.json.paymentDate, '2026-03-11T16:32:24.007Z');
    });

    it('refuses when no payment is in progress', async () => {
      const sandbox = sandboxWith();
      const invoice = await createInvoice(sandbox);

      assert.throws(() => sandbox.invoices.complete(invoice.id, 'paid'), /no payment in progress/);
    });
  });

  describe('when a pending payment is set to finish declined', () => {
    it('leaves the invoice cancelled with declineStatus cancelled', async () => {
      const sandbox = sandboxWith({pendingOutcome: 'declined', declineStatus: 'cancelled'});
      const invoice = await createInvoice(sandbox);
      await submitPayPage(sandbox, invoice.paymentUrl, {method: 'pse', outcome: 'pending'});

      sandbox.clock.advance(30_000);

      assert.equal(sandbox.invoices.get(invoice.id)?.status, 'cancelled');
    });
  });
});

describe('memory', () => {
  describe('when more invoices are created than maxInvoices', () => {
    it('forgets the oldest ones and keeps the newest', async () => {
      const sandbox = sandboxWith({maxInvoices: 3});
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await createInvoice(sandbox, {reference: `R${i}`})).id);

      const listed = await call(sandbox, 'GET', '/v1/invoices');
      const oldest = await call(sandbox, 'GET', `/v1/invoices/${ids[0]}`);
      const byRef = await call(sandbox, 'GET', '/v1/invoices?reference=R1');

      assert.equal(sandbox.list().length, 3);
      assert.deepEqual(
        listed.json.items.map((item: {id: string}) => item.id),
        ids.slice(2).reverse(),
      );
      assert.equal(oldest.status, 404);
      assert.equal(byRef.json.count, 0);
    });
  });
});

import assert from 'node:assert/strict';
import {after, beforeEach, describe, it} from 'node:test';
import type {InvoiceJson} from '../../proxy/sandbox/invoice.js';
import {assertError, call, createInvoice, newSandbox} from './helpers.js';

const sandbox = newSandbox();
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('GET /invoices/{id}', () => {
  describe('when the invoice exists', () => {
    it('answers the same invoice as the create, with and without /v1', async () => {
      const created = await createInvoice(sandbox);

      const v1 = await call(sandbox, 'GET', `/v1/invoices/${created.id}`);
      const bare = await call(sandbox, 'GET', `/invoices/${created.id}`);

      assert.equal(v1.status, 200);
      assert.deepEqual(v1.json, created);
      assert.deepEqual(bare.json, created);
    });
  });

  describe('when the id is a ULID nobody created', () => {
    it('answers 404 not_found', async () => {
      const answer = await call(sandbox, 'GET', '/v1/invoices/01HQY8EW1H9YGH5PAV5Y2M9R3T');

      assertError(answer, 404, 'not_found');
    });
  });

  describe('when the id is not a ULID', () => {
    for (const id of ['123', 'inv_1', '01hqy8ew1h9ygh5pav5y2m9r3t', '81HQY8EW1H9YGH5PAV5Y2M9R3T']) {
      it(`answers 400 for ${id}`, async () => {
        const answer = await call(sandbox, 'GET', `/v1/invoices/${id}`);

        assertError(answer, 400, 'invalid_request', ['id']);
      });
    }
  });

  describe('when no key is sent', () => {
    it('answers 401', async () => {
      const created = await createInvoice(sandbox);

      const answer = await call(sandbox, 'GET', `/v1/invoices/${created.id}`, {auth: false});

      assertError(answer, 401, 'unauthorized');
    });
  });
});

describe('GET /invoices', () => {
  async function createMany(
    n: number,
    overrides: (i: number) => Record<string, unknown> = () => ({}),
  ) {
    const created: InvoiceJson[] = [];
    for (let i = 0; i < n; i++) {
      created.push(await createInvoice(sandbox, {reference: `REF-${i}`, ...overrides(i)}));
    }
    return created;
  }

  describe('when nothing matches', () => {
    it('answers an empty page with a null cursor', async () => {
      const answer = await call(sandbox, 'GET', '/v1/invoices');

      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, {items: [], count: 0, cursor: null});
    });
  });

  describe('when there are more invoices than the default limit', () => {
    it('answers 20, newest first, and a cursor that walks to the end', async () => {
      const created = await createMany(45);

      const first = await call(sandbox, 'GET', '/v1/invoices');
      const second = await call(sandbox, 'GET', `/v1/invoices?cursor=${first.json.cursor}`);
      const third = await call(sandbox, 'GET', `/invoices?cursor=${second.json.cursor}`);

      assert.equal(first.json.count, 20);
      assert.equal(first.json.items.length, 20);
      assert.equal(typeof first.json.cursor, 'string');
      assert.equal(second.json.count, 20);
      assert.equal(third.json.count, 5);
      assert.equal(third.json.cursor, null);
      const seen = [...first.json.items, ...second.json.items, ...third.json.items].map(
        (item: InvoiceJson) => item.id,
      );
      assert.deepEqual(seen, created.map((invoice) => invoice.id).reverse());
    });

    it('ends with a null cursor when the last page is exactly full', async () => {
      await createMany(4);

      const first = await call(sandbox, 'GET', '/v1/invoices?limit=2');
      const second = await call(sandbox, 'GET', `/v1/invoices?limit=2&cursor=${first.json.cursor}`);

      assert.equal(second.json.count, 2);
      assert.equal(second.json.cursor, null);
    });
  });

  describe('when limit is', () => {
    for (const [limit, status] of [
      ['1', 200],
      ['100', 200],
      ['0', 400],
      ['101', 400],
      ['-1', 400],
      ['2.5', 400],
      ['abc', 400],
      ['', 400],
    ] as const) {
      it(`${JSON.stringify(limit)}, it answers ${status}`, async () => {
        await createMany(3);

        const answer = await call(sandbox, 'GET', `/v1/invoices?limit=${limit}`);

        if (status === 200) assert.equal(answer.json.count, Math.min(Number(limit), 3));
        else assertError(answer, 400, 'invalid_request', ['limit']);
      });
    }
  });

  describe('when the cursor was not made by the sandbox', () => {
    for (const cursor of ['garbage', 'eyJ2IjoyfQ', '%00']) {
      it(`answers 400 for ${cursor}`, async () => {
        const answer = await call(sandbox, 'GET', `/v1/invoices?cursor=${cursor}`);

        assertError(answer, 400, 'invalid_request', ['cursor']);
      });
    }
  });

  describe('when filtering', () => {
    it('by reference answers only that reference', async () => {
      await createMany(5);

      const answer = await call(sandbox, 'GET', '/v1/invoices?reference=REF-3');

      assert.deepEqual(
        answer.json.items.map((item: InvoiceJson) => item.reference),
        ['REF-3'],
      );
    });

    it('by customerDocumentNumber and contract together', async () => {
      await createMany(6, (i) => ({customerDocumentNumber: `D${i % 2}`, contract: `C${i % 3}`}));

      const answer = await call(
        sandbox,
        'GET',
        '/v1/invoices?customerDocumentNumber=D0&contract=C0',
      );

      assert.deepEqual(
        answer.json.items.map((item: InvoiceJson) => item.reference),
        ['REF-0'],
      );
    });

    it('by paymentDate, settlementDate and settlementCycle, only paid invoices', async () => {
      const [a, b] = await createMany(3);
      // 16:32 UTC = 11:32 in Bogotá: the next cycle is 13 h the same day.
      sandbox.invoices.setStatus(a!.id, {status: 'paid'});
      sandbox.invoices.setStatus(b!.id, {status: 'paid'});
      sandbox.invoices.setStatus(b!.id, {status: 'chargeback'});

      const byDate = await call(sandbox, 'GET', '/v1/invoices?paymentDate=2026-03-11');
      const bySettlement = await call(
        sandbox,
        'GET',
        '/v1/invoices?settlementDate=2026-03-11&settlementCycle=13',
      );
      const byCycleNumber = await call(sandbox, 'GET', '/v1/invoices?settlementCycle=2');
      const otherCycle = await call(sandbox, 'GET', '/v1/invoices?settlementCycle=16:00');
      const otherDay = await call(sandbox, 'GET', '/v1/invoices?paymentDate=2026-03-12');

      const refs = (answer: {json: {items: InvoiceJson[]}}) =>
        answer.json.items.map((item) => item.reference);
      assert.deepEqual(refs(byDate), ['REF-1', 'REF-0']);
      assert.deepEqual(refs(bySettlement), ['REF-1', 'REF-0']);
      assert.deepEqual(refs(byCycleNumber), ['REF-1', 'REF-0']);
      assert.deepEqual(refs(otherCycle), []);
      assert.deepEqual(refs(otherDay), []);
    });

    it('pages through filtered results with the cursor', async () => {
      await createMany(10, (i) => ({contract: i % 2 === 0 ? 'EVEN' : 'ODD'}));

      const first = await call(sandbox, 'GET', '/v1/invoices?contract=EVEN&limit=3');
      const second = await call(
        sandbox,
        'GET',
        `/v1/invoices?contract=EVEN&limit=3&cursor=${first.json.cursor}`,
      );

      const refs = [...first.json.items, ...second.json.items].map(
        (item: InvoiceJson) => item.reference,
      );
      assert.deepEqual(refs, ['REF-8', 'REF-6', 'REF-4', 'REF-2', 'REF-0']);
      assert.equal(second.json.cursor, null);
    });

    for (const [query, field] of [
      ['paymentDate=11-03-2026', 'paymentDate'],
      ['paymentDate=2026-02-30', 'paymentDate'],
      ['settlementDate=yesterday', 'settlementDate'],
      ['settlementCycle=12', 'settlementCycle'],
      ['settlementCycle=6', 'settlementCycle'],
      ['reference=', 'reference'],
    ] as const) {
      it(`refuses ${query}`, async () => {
        const answer = await call(sandbox, 'GET', `/v1/invoices?${query}`);

        assertError(answer, 400, 'invalid_request', [field]);
      });
    }
  });

  describe('when invoices were paid through the portal or WhatsApp', () => {
    it('lists them with their source, like any other', async () => {
      const [invoice] = await createMany(1);
      sandbox.invoices.setStatus(invoice!.id, {status: 'paid', paymentSource: 'whatsapp'});

      const answer = await call(sandbox, 'GET', '/v1/invoices');

      assert.equal(answer.json.items[0].paymentSource, 'whatsapp');
    });
  });

  describe('when no key is sent', () => {
    it('answers 401', async () => {
      const answer = await call(sandbox, 'GET', '/v1/invoices', {auth: false});

      assertError(answer, 401, 'unauthorized');
    });
  });
});

describe('an unknown API path', () => {
  it('answers a JSON 404', async () => {
    const answer = await call(sandbox, 'GET', '/v1/refunds');

    assertError(answer, 404, 'not_found');
  });
});

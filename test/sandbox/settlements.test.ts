import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {cyclesBetween, expectedSettlement} from '../../proxy/sandbox/settlement.js';
import {assertError, call, createInvoice, newSandbox} from './helpers.js';

const sandbox = newSandbox();
after(() => sandbox.close());

describe('expected settlement of a payment (Bogotá time, cycles 11, 13, 16, 18, 20 h)', () => {
  for (const [paidAt, date, time] of [
    ['2026-03-11T13:00:00.000Z', '2026-03-11', '11:00'], // 08:00
    ['2026-03-11T15:59:59.999Z', '2026-03-11', '11:00'], // 10:59
    ['2026-03-11T16:00:00.000Z', '2026-03-11', '13:00'], // 11:00 exactly: the next one
    ['2026-03-11T22:30:00.000Z', '2026-03-11', '18:00'], // 17:30
    ['2026-03-12T01:00:00.000Z', '2026-03-12', '11:00'], // 20:00: tomorrow
    ['2026-03-12T04:59:00.000Z', '2026-03-12', '11:00'], // 23:59
    ['2026-12-31T23:30:00.000Z', '2026-12-31', '20:00'], // 18:30
    ['2027-01-01T02:00:00.000Z', '2027-01-01', '11:00'], // 21:00 on new year's eve: next year
  ] as const) {
    it(`paid at ${paidAt} settles ${date} ${time}`, () => {
      const settlement = expectedSettlement(Date.parse(paidAt));

      assert.deepEqual([settlement.date, settlement.time], [date, time]);
    });
  }
});

describe('GET /settlements/{date}/{cycle}', () => {
  describe('when a cycle has paid and charged-back invoices', () => {
    it('sums collected, fees, adjustments and net', async () => {
      sandbox.settlementFeeRate = 0.02;
      const a = await createInvoice(sandbox, {amount: 1_000_000});
      const b = await createInvoice(sandbox, {amount: 500_000});
      const c = await createInvoice(sandbox, {amount: 300_000});
      sandbox.invoices.setStatus(a.id, {status: 'paid'});
      sandbox.invoices.setStatus(b.id, {status: 'paid'});
      sandbox.invoices.setStatus(b.id, {status: 'chargeback'});

      const scheduled = await call(sandbox, 'GET', '/v1/settlements/2026-03-11/13');
      sandbox.clock.set('2026-03-11T18:00:00.000Z');
      const settled = await call(sandbox, 'GET', '/settlements/2026-03-11/2');

      assert.equal(scheduled.status, 200);
      assert.deepEqual(
        {...scheduled.json, invoices: undefined},
        {
          date: '2026-03-11',
          cycle: '13:00',
          status: 'scheduled',
          settledAt: '2026-03-11T18:00:00.000Z',
          currency: 'COP',
          invoiceCount: 2,
          collected: 1_500_000,
          fees: 30_000,
          adjustments: -500_000,
          net: 970_000,
          invoices: undefined,
        },
      );
      assert.deepEqual(
        scheduled.json.invoices.map((line: {invoiceId: string}) => line.invoiceId).sort(),
        [a.id, b.id].sort(),
      );
      assert.equal(
        scheduled.json.invoices.some((line: {invoiceId: string}) => line.invoiceId === c.id),
        false,
      );
      assert.equal(settled.json.status, 'settled');
    });
  });

  describe('when a cycle has nothing', () => {
    it('answers zeros', async () => {
      const answer = await call(sandbox, 'GET', '/v1/settlements/2026-01-02/20:00');

      assert.equal(answer.json.invoiceCount, 0);
      assert.equal(answer.json.net, 0);
    });
  });

  describe('when the date or cycle is not one', () => {
    for (const [path, fields] of [
      ['2026-13-01/11', ['date']],
      ['yesterday/11', ['date']],
      ['2026-03-11/12', ['cycle']],
      ['2026-03-11/0', ['cycle']],
      ['2026-03-11/6', ['cycle']],
      ['2026-03-11/11:30', ['cycle']],
    ] as const) {
      it(`answers 400 for ${path}`, async () => {
        const answer = await call(sandbox, 'GET', `/v1/settlements/${path}`);

        assertError(answer, 400, 'invalid_request', fields);
      });
    }
  });

  describe('when no key is sent', () => {
    it('answers 401', async () => {
      const answer = await call(sandbox, 'GET', '/v1/settlements/2026-03-11/11', {auth: false});

      assertError(answer, 401, 'unauthorized');
    });
  });
});

describe('cycles that close between two instants', () => {
  it('lists them in order across days, and none when time did not move forward', () => {
    const from = Date.parse('2026-03-11T20:30:00.000Z'); // 15:30 Bogotá
    const to = Date.parse('2026-03-12T17:00:00.000Z'); // 12:00 the next day

    const cycles = cyclesBetween(from, to);

    assert.deepEqual(cycles, [
      {date: '2026-03-11', hour: 16},
      {date: '2026-03-11', hour: 18},
      {date: '2026-03-11', hour: 20},
      {date: '2026-03-12', hour: 11},
    ]);
    assert.deepEqual(cyclesBetween(to, from), []);
    assert.deepEqual(cyclesBetween(to, to), []);
  });

  it('includes a cycle closing exactly at the end, not one exactly at the start', () => {
    const at16 = Date.parse('2026-03-11T21:00:00.000Z');

    assert.deepEqual(cyclesBetween(at16 - 1, at16), [{date: '2026-03-11', hour: 16}]);
    assert.deepEqual(cyclesBetween(at16, at16 + 1), []);
  });

  it('keeps only the latest ones after a long jump', () => {
    const cycles = cyclesBetween(0, Date.parse('2026-03-11T21:00:00.000Z'), 3);

    assert.deepEqual(cycles, [
      {date: '2026-03-11', hour: 11},
      {date: '2026-03-11', hour: 13},
      {date: '2026-03-11', hour: 16},
    ]);
  });
});

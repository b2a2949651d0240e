import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createClock} from '../../proxy/sandbox/clock.js';
import {createUlidFactory, isUlid, ulid} from '../../proxy/ulid.js';

describe('ULIDs', () => {
  describe('when made', () => {
    it('are 26 Crockford base32 characters whose first 10 encode the time', () => {
      const ulid = createUlidFactory();

      const id = ulid(Date.parse('2026-03-11T16:32:14.007Z'));

      assert.equal(id.length, 26);
      assert.ok(isUlid(id));
      assert.doesNotMatch(id, /[ILOU]/);
      // 1773246734007 ms in base32, as in any ULID decoder.
      assert.equal(id.slice(0, 10), '01KKEVVQNQ');
    });

    it('encode the epoch and the largest time', () => {
      const ulid = createUlidFactory();

      assert.equal(ulid(0).slice(0, 10), '0000000000');
      assert.equal(ulid(2 ** 48 - 1).slice(0, 10), '7ZZZZZZZZZ');
      assert.throws(() => ulid(2 ** 48), RangeError);
      assert.throws(() => ulid(-1), RangeError);
    });
  });

  describe('when many are made in one millisecond', () => {
    it('increment, so they stay unique and in order', () => {
      const ulid = createUlidFactory();

      const ids = Array.from({length: 1000}, () => ulid(1_700_000_000_000));

      assert.equal(new Set(ids).size, 1000);
      assert.deepEqual([...ids].sort(), ids);
    });
  });

  describe('when the proxy makes references from them', () => {
    it('draws fresh random bits each time, so one reference does not reveal the next', () => {
      const first = ulid(1_774_972_800_000);
      const second = ulid(1_774_972_800_000);

      assert.ok(isUlid(first) && isUlid(second));
      assert.equal(first.slice(0, 10), second.slice(0, 10));
      // An increment (the monotonic mode) would leave the first 15 random characters alike.
      assert.notEqual(first.slice(10, 25), second.slice(10, 25));
    });
  });

  describe('when checked', () => {
    for (const [value, ok] of [
      ['01HQY8EW1H9YGH5PAV5Y2M9R3T', true],
      ['01hqy8ew1h9ygh5pav5y2m9r3t', false],
      ['01HQY8EW1H9YGH5PAV5Y2M9R3', false],
      ['81HQY8EW1H9YGH5PAV5Y2M9R3T', false],
      ['01HQY8EW1H9YGH5PAV5Y2M9R3I', false],
    ] as const) {
      it(`${value} is ${ok ? '' : 'not '}a ULID`, () => {
        assert.equal(isUlid(value), ok);
      });
    }
  });
});

describe('the sandbox clock', () => {
  describe('when frozen', () => {
    it('stands still until advanced or set, and tells its listeners', () => {
      const clock = createClock({frozenAt: '2026-03-11T16:32:14.007Z'});
      let changes = 0;
      const stop = clock.onChange(() => changes++);

      const first = clock.now();
      clock.advance(1500);
      const advanced = clock.now();
      clock.set(new Date('2027-01-01T00:00:00Z'));
      stop();
      clock.advance(1);

      assert.equal(first, Date.parse('2026-03-11T16:32:14.007Z'));
      assert.equal(advanced, first + 1500);
      assert.equal(clock.now(), Date.parse('2027-01-01T00:00:00.001Z'));
      assert.equal(changes, 2);
    });

    it('refuses dates that are not', () => {
      const clock = createClock({frozenAt: 0});

      assert.throws(() => clock.set('not a date'), RangeError);
      assert.throws(() => clock.advance(Number.NaN), RangeError);
      assert.throws(() => createClock({frozenAt: 'nope'}), RangeError);
    });
  });

  describe('when following real time', () => {
    it('keeps its offset after being moved', () => {
      const clock = createClock();

      clock.advance(3_600_000);
      const ahead = clock.now() - Date.now();

      assert.equal(clock.frozen, false);
      assert.ok(ahead > 3_599_000 && ahead <= 3_600_000, `offset ${ahead}`);
    });
  });
});

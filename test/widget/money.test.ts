import {expect} from '@open-wc/testing';
import {formatCop, formatTypedCop, parseCop} from '../../widget/money.js';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('money', () => {
  describe('when it formats pesos', () => {
    it('writes Colombian pesos without decimals', () => {
      expect(plain(formatCop(1_850_000))).to.equal('$ 1.850.000');
      expect(plain(formatCop(3_000))).to.equal('$ 3.000');
    });

    it('writes COP with commas in English', () => {
      expect(plain(formatCop(1_850_000, 'en'))).to.equal('COP 1,850,000');
    });
  });

  describe('when it reads what the shopper typed', () => {
    it('ignores the sign, dots and spaces', () => {
      expect(parseCop('$ 1.850.000')).to.equal(1_850_000);
      expect(parseCop(' 250000 ')).to.equal(250_000);
    });

    it('drops cents', () => {
      expect(parseCop('1.850.000,50')).to.equal(1_850_000);
      expect(parseCop('1,850,000.50', 'en')).to.equal(1_850_000);
    });

    it('gives undefined for nothing', () => {
      expect(parseCop('')).to.equal(undefined);
      expect(parseCop('$')).to.equal(undefined);
    });
  });

  describe('when it formats as the shopper types', () => {
    it('keeps the caret after the same digit', () => {
      const typed = formatTypedCop('18500000', 3);

      expect(plain(typed.value)).to.equal('$ 18.500.000');
      expect(typed.value.slice(0, typed.caret).replace(/\D/g, '')).to.equal('185');
      expect(formatTypedCop('$ 1.850.0000', 12).caret).to.equal('$ 18.500.000'.length);
      expect(formatTypedCop('1', 0).caret).to.equal(2);
    });

    it('keeps a decimal part being typed instead of gluing it onto the pesos', () => {
      let text = '';
      for (const key of '1.850.000,50') text = formatTypedCop(text + key, text.length + 1).value;

      expect(plain(text)).to.equal('$ 1.850.000,50');
      expect(parseCop(text)).to.equal(1_850_000);
      expect(plain(formatTypedCop('COP 1,850,000.', 14, 'en').value)).to.equal('COP 1,850,000.');
      expect(formatTypedCop('$ 1.850.000,', 12).caret).to.equal(12);
    });

    it('still reads commas typed as thousands separators', () => {
      let text = '';
      for (const key of '1,850,000') text = formatTypedCop(text + key, text.length + 1).value;

      expect(plain(text)).to.equal('$ 1.850.000');
    });

    it('empties a field with no digits', () => {
      expect(formatTypedCop('abc', 3)).to.deep.equal({value: '', caret: 0});
    });
  });
});

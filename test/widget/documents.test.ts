import {expect} from '@open-wc/testing';
import {documentInputMode, nitCheckDigit, normalizeDocument} from '../../widget/documents.js';

describe('documents', () => {
  describe('when it checks a cédula', () => {
    it('accepts 5 to 10 digits, with dots or spaces', () => {
      expect(normalizeDocument('cc', '1.020.304.050')).to.deep.equal({number: '1020304050'});
      expect(normalizeDocument('cc', '12345')).to.deep.equal({number: '12345'});
    });

    it('refuses letters, too few digits and nothing', () => {
      expect(normalizeDocument('cc', '12AB5')).to.deep.equal({problem: 'format'});
      expect(normalizeDocument('cc', '1234')).to.deep.equal({problem: 'format'});
      expect(normalizeDocument('cc', '  ')).to.deep.equal({problem: 'required'});
    });
  });

  describe('when it checks a NIT', () => {
    it('computes the DIAN check digit', () => {
      expect(nitCheckDigit('900123456')).to.equal(8);
      expect(nitCheckDigit('800197268')).to.equal(4);
    });

    it('accepts a matching check digit and drops it', () => {
      expect(normalizeDocument('nit', '900.123.456-8')).to.deep.equal({number: '900123456'});
      expect(normalizeDocument('nit', '900123456')).to.deep.equal({number: '900123456'});
    });

    it('refuses a wrong check digit', () => {
      expect(normalizeDocument('nit', '900.123.456-1')).to.deep.equal({problem: 'check_digit'});
    });
  });

  describe('when it checks alphanumeric documents', () => {
    it('accepts a passport with letters, upper-cased', () => {
      expect(normalizeDocument('ps', 'ab123456')).to.deep.equal({number: 'AB123456'});
    });

    it('offers the right keyboard per type', () => {
      expect(documentInputMode('cc')).to.equal('numeric');
      expect(documentInputMode('ti')).to.equal('numeric');
      expect(documentInputMode('ps')).to.equal('text');
      expect(documentInputMode('ppt')).to.equal('text');
    });
  });
});

import {expect} from '@open-wc/testing';
import {errorCodes} from '../../widget/contract.js';
import {documentTypes} from '../../widget/documents.js';
import {defaultMessages, fill, resolveMessages, toLang} from '../../widget/messages.js';

describe('messages', () => {
  describe('when it picks a language', () => {
    it('speaks Spanish unless asked for English', () => {
      expect(toLang(undefined)).to.equal('es');
      expect(toLang('pt-BR')).to.equal('es');
      expect(toLang('en-US')).to.equal('en');
    });
  });

  describe('when every text is looked up', () => {
    for (const lang of ['es', 'en'] as const) {
      it(`has a ${lang} text for each error code and document type`, () => {
        const m = defaultMessages[lang];

        for (const code of errorCodes) expect(m.errors[code], code).to.match(/\w/);
        for (const type of documentTypes) expect(m.documentTypes[type], type).to.match(/\w/);
      });
    }
  });

  describe('when the merchant overrides texts', () => {
    it('replaces only the given keys, nested ones included', () => {
      const m = resolveMessages('es', {pay: 'Abonar', errors: {rate_limited: 'Espera'}});

      expect(m.pay).to.equal('Abonar');
      expect(m.errors.rate_limited).to.equal('Espera');
      expect(m.errors.internal).to.equal(defaultMessages.es.errors.internal);
      expect(m.documentTypes.cc).to.equal('Cédula de ciudadanía');
    });
  });

  describe('when an override is not text', () => {
    it('shows it as text instead of breaking the form', () => {
      const m = resolveMessages('es', JSON.parse('{"payAmount": 5}'));

      expect(fill(m.payAmount, {amount: '$ 5.000'})).to.equal('5');
    });
  });

  describe('when it fills placeholders', () => {
    it('fills known names and leaves unknown ones visible', () => {
      expect(fill('El monto mínimo es {min}.', {min: '$ 3.000'})).to.equal(
        'El monto mínimo es $ 3.000.',
      );
      expect(fill('Pagar {amont}', {amount: '1'})).to.equal('Pagar {amont}');
    });
  });
});

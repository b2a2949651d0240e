import {expect} from '@open-wc/testing';
import * as first from '../../widget/index.js';

describe('widget/index', () => {
  describe('when the script is loaded twice', () => {
    it('keeps the first definitions and does not throw', async () => {
      const again = new URL('../../widget/index.ts?copy=2', import.meta.url).href;

      await import(/* @vite-ignore */ again);

      expect(customElements.get('palomma-pay')).to.equal(first.PalommaPay);
      expect(customElements.get('palomma-pay-status')).to.equal(first.PalommaPayStatus);
    });

    it('leaves a different element class registered under the tag alone', async () => {
      const before = customElements.get('palomma-pay');

      await import(
        /* @vite-ignore */ new URL('../../widget/index.ts?copy=3', import.meta.url).href
      );

      expect(customElements.get('palomma-pay')).to.equal(before);
    });
  });

  describe('when it is imported', () => {
    it('exports the elements and event classes', () => {
      expect(first.PalommaErrorEvent.eventName).to.equal('palomma-error');
      const redirect = new first.PalommaRedirectEvent({url: 'u', target: 'self', reference: 'r'});
      expect(redirect.cancelable).to.equal(true);
      expect(new first.PalommaSubmitEvent({request: {} as never}).composed).to.equal(true);
    });
  });
});

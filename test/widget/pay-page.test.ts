import {expect, waitUntil} from '@open-wc/testing';
import type {InvoiceRecord} from '../../proxy/sandbox/invoice.js';
import {payPageCss} from '../../proxy/sandbox/pay-page.css.js';
import {paymentPage} from '../../proxy/sandbox/pay-page.html.js';

const record: InvoiceRecord = {
  seq: 1,
  id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
  merchant: 'sandbox_merchant',
  status: 'ready',
  reference: 'pp-01HZZZZZZZZZZZZZZZZZZZZZZZ',
  amount: 1_850_000,
  description: 'Canon de arrendamiento diciembre 2026',
  contract: 'APT-302',
  customerDocumentNumber: '1020304050',
  redirectUrl: 'http://localhost/return.html',
  createdAtMs: 0,
  expiresAtMs: 300_000,
};

/** The sandbox's hosted page in an iframe of the given width, its stylesheet inlined. */
async function hostedPage(width: number): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.title = 'hosted payment page';
  frame.style.width = `${width}px`;
  frame.style.height = '900px';
  frame.srcdoc = paymentPage(record, 'sandbox_merchant', '/pay/sandbox_merchant/x').value.replace(
    /<link rel="stylesheet"[^>]*>/,
    `<style>${payPageCss}</style>`,
  );
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.querySelector('.method label'), 'no hosted page');
  return frame.contentDocument!;
}

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('the sandbox hosted payment page', () => {
  describe('when it is seen on a phone', () => {
    for (const width of [280, 360]) {
      it(`keeps every radio at 24 px and every method name whole at ${width} px`, async () => {
        const page = await hostedPage(width);

        for (const method of page.querySelectorAll('.method')) {
          const radio = method.querySelector('input')!.getBoundingClientRect();
          const label = method.querySelector('label')!;
          const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
          expect(radio.width, label.textContent!).to.be.at.least(24);
          expect(radio.height, label.textContent!).to.be.at.least(24);
          if (label.textContent!.length < 12) {
            expect(label.getBoundingClientRect().height, label.textContent!).to.be.below(
              lineHeight * 1.5,
            );
          }
        }
      });
    }
  });

  describe('when the shopper clicks a method row', () => {
    it('picks the method from its hint, as the pointer cursor promises', async () => {
      const page = await hostedPage(360);
      const hint = page.getElementById('hint-breb')!.getBoundingClientRect();

      const hit = page.elementFromPoint(hint.right - 2, hint.top + hint.height / 2) as HTMLElement;
      hit.click();

      expect(page.querySelector<HTMLInputElement>('#method-breb')!.checked).to.equal(true);
    });
  });
});

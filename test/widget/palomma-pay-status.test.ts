import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import '../../widget/index.js';
import type {StatusResponse} from '../../widget/contract.js';
import type {PalommaPayStatus} from '../../widget/palomma-pay-status.js';
import {endpoint, errorReply, installFakeProxy, json, type FakeProxy} from './fake-proxy.js';
import {part} from './helpers.js';

let proxy: FakeProxy;

const paid: StatusResponse = {
  reference: 'APT-302',
  status: 'paid',
  amount: 1_850_000,
  paymentMethod: 'pse',
  paymentDate: '2026-03-05T15:04:00.000Z',
};

async function status(
  reference = 'APT-302',
  pollInterval = '',
  maxPolls = '',
): Promise<PalommaPayStatus> {
  const el = document.createElement('palomma-pay-status');
  el.setAttribute('endpoint', endpoint);
  if (reference) el.setAttribute('reference', reference);
  if (pollInterval) el.setAttribute('poll-interval', pollInterval);
  if (maxPolls) el.setAttribute('max-polls', maxPolls);
  // Appended once: moving the element restarts its checks, which a fixture wrapper would do.
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => document.querySelectorAll('palomma-pay-status').forEach((el) => el.remove()));

const title = (el: PalommaPayStatus) =>
  el.shadowRoot?.querySelector('[part~="title"]')?.textContent?.trim();

beforeEach(() => {
  proxy = installFakeProxy();
});

afterEach(() => proxy.restore());

describe('<palomma-pay-status>', () => {
  describe('when the proxy says the payment is paid', () => {
    it('says "Pago recibido" with the details, accessibly', async () => {
      proxy.onStatus(() => json(200, paid));

      const el = await status();
      await waitUntil(() => title(el) === 'Pago recibido');

      expect(part(el, 'status').getAttribute('role')).to.equal('status');
      expect(part(el, 'details').textContent).to.include('APT-302');
      expect(part(el, 'details').textContent!.replace(/\s/g, ' ')).to.include('$ 1.850.000');
      expect(part(el, 'details').textContent).to.include('PSE');
      expect(el.getAttribute('status')).to.equal('paid');
      await expect(el).to.be.accessible();
    });

    it('fires palomma-status with the proxy answer', async () => {
      proxy.onStatus(() => json(200, paid));
      const el = document.createElement('palomma-pay-status');
      el.endpoint = endpoint;
      el.reference = 'APT-302';
      const told = oneEvent(el, 'palomma-status');

      document.body.append(el);
      const {detail} = await told;

      expect(detail).to.deep.equal(paid);
      el.remove();
    });

    it('asks for the encoded reference', async () => {
      const el = await status('A/B C');
      await waitUntil(() => title(el) === 'Pago recibido');

      expect(new URL(proxy.requests[0]!.url).pathname).to.equal(`${endpoint}/status/A%2FB%20C`);
    });
  });

  describe('when the payment is still being confirmed', () => {
    it('says so and asks again until it changes', async () => {
      let calls = 0;
      proxy.onStatus(() => json(200, {...paid, status: ++calls < 3 ? 'ready' : 'paid'}));
      const seen: string[] = [];
      const el = document.createElement('palomma-pay-status');
      el.endpoint = endpoint;
      el.reference = 'APT-302';
      el.pollInterval = 20;
      el.addEventListener('palomma-status', (event) => seen.push(event.detail.status));

      document.body.append(el);
      await waitUntil(() => title(el) === 'Pago recibido');

      expect(seen).to.deep.equal(['ready', 'paid']);
      expect(calls).to.equal(3);
      el.remove();
    });

    it('stops after a bounded number of checks and says to reload later', async () => {
      proxy.onStatus(() => json(200, {...paid, status: 'ready'}));

      const el = await status('APT-302', '10', '2');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="note"]'), 'no note');

      expect(proxy.requests).to.have.length(3);
      expect(title(el)).to.equal('Estamos confirmando tu pago');
    });
  });

  describe('when the payment did not go through', () => {
    for (const [state, text] of [
      ['cancelled', 'El pago fue cancelado'],
      ['chargeback', 'El pago fue reversado'],
    ] as const) {
      it(`says "${text}" for ${state}`, async () => {
        proxy.onStatus(() => json(200, {...paid, status: state}));

        const el = await status();
        await waitUntil(() => title(el) === text);

        await expect(el).to.be.accessible();
      });
    }
  });

  describe('when there is nothing to show', () => {
    it('says the link has no reference, without asking the proxy', async () => {
      const el = await status('');

      expect(title(el)).to.equal('No encontramos la referencia del pago en este enlace.');
      expect(proxy.requests).to.have.length(0);
    });

    it('says the payment was not found on 404', async () => {
      proxy.onStatus(() => errorReply(404, 'not_found'));

      const el = await status();
      await waitUntil(() => title(el) === 'No encontramos este pago.');
    });

    it('says it could not check on a server error', async () => {
      proxy.onStatus(() => errorReply(502, 'upstream_error'));

      const el = await status('APT-302', '10', '0');
      await waitUntil(() => title(el) === 'No pudimos consultar tu pago. Recarga la página.');
    });

    it('asks again when a single-page app sets the reference later', async () => {
      proxy.onStatus(() => json(200, paid));
      const el = await status('');
      expect(title(el)).to.equal('No encontramos la referencia del pago en este enlace.');

      el.reference = 'APT-302';
      await waitUntil(() => title(el) === 'Pago recibido');

      expect(proxy.requests).to.have.length(1);
    });

    it('never takes a status from the page URL as proof', async () => {
      proxy.onStatus(() => json(200, {...paid, status: 'cancelled'}));
      history.replaceState(null, '', '?reference=APT-302&status=paid');

      try {
        const el = await status('');
        await waitUntil(() => title(el) === 'El pago fue cancelado');
        expect(new URL(proxy.requests[0]!.url).pathname).to.equal(`${endpoint}/status/APT-302`);
      } finally {
        history.replaceState(null, '', location.pathname);
      }
    });
  });

  describe('when it speaks English', () => {
    it('says the payment was received', async () => {
      proxy.onStatus(() => json(200, paid));

      const el = await fixture<PalommaPayStatus>(
        html`<palomma-pay-status
          endpoint=${endpoint}
          reference="R1"
          lang="en"
        ></palomma-pay-status>`,
      );
      await waitUntil(() => title(el) === 'Payment received');
    });
  });
});

/** What a stranger on the public page can try against the proxy, and what it gets: specs found by attacking it. */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {isAllowedPaymentUrl} from '../../proxy/payment-url.js';
import {signCheckout} from '../../proxy/signing.js';
import {ErrorBody} from '../../widget/contract.js';
import {SIGNING_SECRET, T0, checkoutBody, postJson, proxyOnSandbox} from './support.js';

const rent = {
  amount: 1_850_000,
  description: 'Canon marzo',
  reference: 'RENT-301',
  expires: T0 / 1000 + 600,
};

describe('a stranger who knows a signed checkout’s reference', () => {
  it('cannot lock its payer out by spending the reference’s rate limit on forged signatures or status polls', async () => {
    let ip = 1;
    const {app} = proxyOnSandbox(
      {PALOMMA_RATE_LIMIT_REFERENCE: '2', PALOMMA_SIGNING_SECRET: SIGNING_SECRET},
      {clientIp: () => `198.51.100.${ip++}`},
    );
    const forged = checkoutBody({...rent, amount: 3_000, signature: 'ab'.repeat(32)});
    const genuine = checkoutBody({...rent, signature: await signCheckout(rent, SIGNING_SECRET)});

    const attempts = [];
    for (let i = 0; i < 3; i++) {
      attempts.push((await app.request('/checkout', postJson(forged))).status);
      attempts.push((await app.request(`/status/${rent.reference}`)).status);
    }
    const payer = await app.request('/checkout', postJson(genuine));

    assert.deepEqual(attempts, [403, 404, 403, 404, 403, 429]);
    assert.equal(payer.status, 201, JSON.stringify(await payer.clone().json()));
  });

  it('still meets the limit when replaying the genuine signed checkout', async () => {
    const {app} = proxyOnSandbox({
      PALOMMA_RATE_LIMIT_REFERENCE: '1',
      PALOMMA_SIGNING_SECRET: SIGNING_SECRET,
    });
    const genuine = checkoutBody({...rent, signature: await signCheckout(rent, SIGNING_SECRET)});

    await app.request('/checkout', postJson(genuine));
    const replay = await app.request('/checkout', postJson(genuine));

    assert.equal(replay.status, 429);
    assert.equal(ErrorBody.parse(await replay.json()).error.code, 'rate_limited');
  });
});

describe('a client rotating addresses', () => {
  it('meets the per-IP limit across its whole IPv6 /64, while the next /64 is still served', async () => {
    let ip = '';
    const {app} = proxyOnSandbox({PALOMMA_RATE_LIMIT_IP: '2'}, {clientIp: () => ip});
    const from = async (address: string) => {
      ip = address;
      return (await app.request('/status/pp-A')).status;
    };

    const rotated = [
      await from('2001:db8:1:2::1'),
      await from('2001:db8:1:2:aaaa::2'),
      await from('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'),
    ];
    const neighbour = await from('2001:db8:1:3::1');

    assert.deepEqual(rotated, [404, 404, 429]);
    assert.equal(neighbour, 404);
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', async () => {
    let ip = '';
    const {app} = proxyOnSandbox({PALOMMA_RATE_LIMIT_IP: '1'}, {clientIp: () => ip});

    ip = '203.0.113.7';
    await app.request('/status/pp-A');
    ip = '::ffff:203.0.113.7';
    const mapped = await app.request('/status/pp-A');

    assert.equal(mapped.status, 429);
  });
});

describe('a tampered body', () => {
  const genuine = JSON.stringify(
    checkoutBody({...rent, signature: 'SIGNATURE', documentNumber: '1020304050'}),
  );
  const tampered: [string, string, number][] = [
    ['a second, smaller amount key', genuine.replace('{', '{"amount":3000,'), 201],
    ['a smaller amount after the signed one', genuine.replace('}', ',"amount":3000}'), 403],
    ['the amount as a string', genuine.replace('1850000', '"1850000"'), 400],
    ['the amount with a fraction', genuine.replace('1850000', '1850000.5'), 400],
    ['the amount in Arabic-Indic digits', genuine.replace('1850000', '"١٨٥٠٠٠٠"'), 400],
    ['an amount past a safe integer', genuine.replace('1850000', '9007199254740993'), 400],
    ['an amount hidden in __proto__', genuine.replace('{', '{"__proto__":{"amount":3000},'), 201],
  ];
  for (const [name, body, status] of tampered) {
    it(`gets only what the signature covers with ${name}`, async () => {
      const {app, upstream} = proxyOnSandbox({
        PALOMMA_SIGNING_SECRET: SIGNING_SECRET,
        PALOMMA_OPEN_AMOUNT: 'false',
      });
      const signature = await signCheckout(rent, SIGNING_SECRET);

      const answer = await app.request('/checkout', postJson(body.replace('SIGNATURE', signature)));

      assert.equal(answer.status, status, await answer.clone().text());
      const created = upstream.sandbox.list();
      assert.ok(created.every((invoice) => invoice.amount === rent.amount));
    });
  }
});

describe('a payment link made to look like Palomma’s', () => {
  const origins = ['https://pagos.palomma.com'];
  for (const url of [
    'https://pagos.palomma.com@evil.example/pay/1',
    'https://pagos.palomma.com.evil.example/pay/1',
    'https:\\\\evil.example\\pagos.palomma.com',
    'https://pagos.palomma.com./pay/1',
    'https://pagos.palomma.com:8443/pay/1',
    'https://pagоs.palomma.com/pay/1',
    'blob:https://pagos.palomma.com/4c1b',
    'javascript://pagos.palomma.com/%0aalert(1)',
    'data:text/html,https://pagos.palomma.com',
    'http://pagos.palomma.com/pay/1',
  ]) {
    it(`is refused: ${url}`, () => {
      assert.equal(isAllowedPaymentUrl(url, origins), false);
    });
  }

  it('is accepted only as the real host, however it is spelled', () => {
    assert.equal(isAllowedPaymentUrl('HTTPS://PAGOS.PALOMMA.COM:443/pay/1', origins), true);
  });
});

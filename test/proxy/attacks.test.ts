/** What a stranger on the public page can try against the proxy, and what it gets: specs found by attacking it. */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
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

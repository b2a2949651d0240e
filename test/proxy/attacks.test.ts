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

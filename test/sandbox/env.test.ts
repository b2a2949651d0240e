import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {readSandboxEnv} from '../../proxy/sandbox/env.js';

describe('PALOMMA_SANDBOX_* settings', () => {
  describe('when none are set', () => {
    it('listens on 127.0.0.1:8788 with every default', () => {
      const env = readSandboxEnv({});

      assert.deepEqual(env, {
        port: 8788,
        hostname: '127.0.0.1',
        origin: undefined,
        options: {faults: {}},
      });
    });
  });

  describe('when all are set', () => {
    it('reads each one', () => {
      const env = readSandboxEnv({
        PALOMMA_SANDBOX_PORT: '9000',
        PALOMMA_SANDBOX_HOST: '0.0.0.0',
        PALOMMA_SANDBOX_ORIGIN: 'http://sandbox.test:9000',
        PALOMMA_SANDBOX_MERCHANT: 'acme',
        PALOMMA_SANDBOX_MERCHANT_NAME: 'Inmobiliaria Acme',
        PALOMMA_SANDBOX_API_KEYS: 'k1, k2',
        PALOMMA_SANDBOX_MAX_INVOICES: '500',
        PALOMMA_SANDBOX_MAX_BODY_BYTES: '2048',
        PALOMMA_SANDBOX_EXPIRED_STATUS: 'cancelled',
        PALOMMA_SANDBOX_DECLINE_STATUS: 'cancelled',
        PALOMMA_SANDBOX_PENDING_DELAY_MS: 'never',
        PALOMMA_SANDBOX_PENDING_OUTCOME: 'declined',
        PALOMMA_SANDBOX_FILL_CUSTOMER_NAME: 'true',
        PALOMMA_SANDBOX_DUPLICATE_REFERENCE: 'reject-409',
        PALOMMA_SANDBOX_FEE_RATE: '0.025',
        PALOMMA_SANDBOX_LATENCY_MS: '150',
        PALOMMA_SANDBOX_ERROR_RATE: '0.1',
        PALOMMA_SANDBOX_ERROR_STATUS: '503',
        PALOMMA_SANDBOX_SEED: '7',
        PALOMMA_SANDBOX_HANG: '0',
        PALOMMA_SANDBOX_BODY_FAULT: 'truncated',
        PALOMMA_SANDBOX_PAYMENT_URL_FAULT: 'foreign-host',
        PALOMMA_SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:3000/hooks',
        PALOMMA_SANDBOX_INTEGRITY_KEY: 'secret',
        PALOMMA_SANDBOX_WEBHOOK_TIMEOUT_MS: '2000',
      });

      assert.deepEqual(env, {
        port: 9000,
        hostname: '0.0.0.0',
        origin: 'http://sandbox.test:9000',
        options: {
          merchant: 'acme',
          merchantName: 'Inmobiliaria Acme',
          apiKeys: ['k1', 'k2'],
          maxInvoices: 500,
          maxBodyBytes: 2048,
          expiredStatus: 'cancelled',
          declineStatus: 'cancelled',
          pendingDelayMs: null,
          pendingOutcome: 'declined',
          fillCustomerName: true,
          duplicateReference: 'reject-409',
          settlementFeeRate: 0.025,
          faults: {
            latencyMs: 150,
            errorRate: 0.1,
            errorStatus: 503,
            seed: 7,
            hang: false,
            body: 'truncated',
            paymentUrl: 'foreign-host',
          },
          webhook: {url: 'http://127.0.0.1:3000/hooks', integrityKey: 'secret', timeoutMs: 2000},
        },
      });
    });
  });

  describe('when one is wrong', () => {
    for (const [name, value] of [
      ['PORT', '70000'],
      ['PORT', 'http'],
      ['MAX_INVOICES', '0'],
      ['ERROR_RATE', '1.5'],
      ['EXPIRED_STATUS', 'expired'],
      ['DUPLICATE_REFERENCE', 'reject'],
      ['HANG', 'yes'],
      ['WEBHOOK_URL', 'ftp://example.com'],
      ['PENDING_DELAY_MS', 'soon'],
    ]) {
      it(`names PALOMMA_SANDBOX_${name}=${value}`, () => {
        assert.throws(
          () => readSandboxEnv({[`PALOMMA_SANDBOX_${name}`]: value}),
          new RegExp(`^SandboxEnvError: PALOMMA_SANDBOX_${name}="${value}" is invalid`),
        );
      });
    }
  });
});

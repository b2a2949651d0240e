import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {ConfigError, loadConfig} from '../../proxy/config.js';
import {SECRET_KEY} from './support.js';

const live = {PALOMMA_API_KEY: SECRET_KEY, PALOMMA_RETURN_URL: 'https://shop.example/return'};

/** Asserts that loading `env` fails naming `variable`, in one line that carries no secret. */
function assertRefused(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.variable, variable);
      assert.ok(error.message.startsWith(`${variable}: `), error.message);
      assert.doesNotMatch(error.message, /\n/);
      assert.ok(!error.message.includes(SECRET_KEY));
      return true;
    },
  );
}

describe('loadConfig()', () => {
  describe('without an API key', () => {
    it('is in sandbox mode, with open amounts on and the local sandbox as upstream and payment origin', () => {
      const config = loadConfig({});

      assert.equal(config.mode, 'sandbox');
      assert.equal(config.openAmount, true);
      assert.equal(config.apiUrl, 'http://127.0.0.1:8788/v1');
      assert.deepEqual(config.paymentOrigins, [
        'http://127.0.0.1:8788',
        'https://pagos.palomma.com',
      ]);
      assert.equal(config.returnUrl, '/return.html');
    });
  });

  describe('with an API key', () => {
    it('is live, with open amounts off, Palomma sandbox upstream and only https payment hosts', () => {
      const config = loadConfig(live);

      assert.equal(config.mode, 'live');
      assert.equal(config.openAmount, false);
      assert.equal(config.apiUrl, 'https://sandbox.api.palomma.com/v1');
      assert.deepEqual(config.paymentOrigins, ['https://pagos.palomma.com']);
    });

    it('lets the merchant turn open amounts on within a range', () => {
      const config = loadConfig({
        ...live,
        PALOMMA_OPEN_AMOUNT: 'true',
        PALOMMA_MIN_AMOUNT: '10_000',
        PALOMMA_MAX_AMOUNT: '2000000',
      });

      assert.equal(config.openAmount, true);
      assert.equal(config.minAmount, 10_000);
      assert.equal(config.maxAmount, 2_000_000);
    });

    it('requires a return URL', () => {
      assertRefused({PALOMMA_API_KEY: SECRET_KEY}, 'PALOMMA_RETURN_URL');
    });

    it('refuses an http upstream, which would send the key in clear text', () => {
      assertRefused({...live, PALOMMA_API_URL: 'http://api.palomma.com/v1'}, 'PALOMMA_API_URL');
    });
  });

  it('turns request logs off with PALOMMA_LOG=off or silent', () => {
    assert.equal(loadConfig({PALOMMA_LOG: 'off'}).log, 'off');
    assert.equal(loadConfig({PALOMMA_LOG: 'silent'}).log, 'off');
    assert.equal(loadConfig({}).log, 'json');
  });

  it('keeps a path-only return URL for resolution against the public origin', () => {
    assert.equal(
      loadConfig({
        ...live,
        PALOMMA_RETURN_URL: '/pago/retorno',
        PALOMMA_PUBLIC_URL: 'https://shop.example',
      }).returnUrl,
      '/pago/retorno',
    );
  });

  it('refuses a path-only return URL with an API key and no public URL, so no Host header can choose it', () => {
    assertRefused({...live, PALOMMA_RETURN_URL: '/pago/retorno'}, 'PALOMMA_RETURN_URL');
  });

  it('reads payment hosts, allowed origins and the catalog', () => {
    const config = loadConfig({
      ...live,
      PALOMMA_PAYMENT_HOSTS: 'pagos.palomma.com, checkout.palomma.com',
      PALOMMA_ALLOWED_ORIGINS: 'https://shop.example, http://localhost:3000',
      PALOMMA_CATALOG: '[{"id":"fee","amount":50000,"description":" Cuota "}]',
    });

    assert.deepEqual(config.paymentOrigins, [
      'https://pagos.palomma.com',
      'https://checkout.palomma.com',
    ]);
    assert.deepEqual(config.allowedOrigins, ['https://shop.example', 'http://localhost:3000']);
    assert.deepEqual(config.catalog, [{id: 'fee', amount: 50_000, description: 'Cuota'}]);
  });

  it('writes payment hosts as the origins payment links have, so an explicit :443 still matches', () => {
    const config = loadConfig({
      ...live,
      PALOMMA_PAYMENT_HOSTS: 'pagos.palomma.com:443, pay.example:8443',
    });

    assert.deepEqual(config.paymentOrigins, [
      'https://pagos.palomma.com',
      'https://pay.example:8443',
    ]);
  });

  it('reads the catalog from a file through the platform reader', () => {
    const config = loadConfig(
      {...live, PALOMMA_CATALOG_FILE: '/etc/catalog.json'},
      {
        readTextFile: (path) =>
          path === '/etc/catalog.json' ? '[{"id":"a","amount":3000,"description":"A"}]' : '',
      },
    );

    assert.equal(config.catalog[0]?.amount, 3000);
  });

  for (const [variable, value] of [
    ['PALOMMA_API_URL', 'not a url'],
    ['PALOMMA_RETURN_URL', 'javascript:alert(1)'],
    ['PALOMMA_RETURN_URL', '//evil.example/return'],
    ['PALOMMA_ALLOWED_ORIGINS', 'https://shop.example/path'],
    ['PALOMMA_PAYMENT_HOSTS', 'https://pagos.palomma.com'],
    ['PALOMMA_PAYMENT_HOSTS', 'pagos.palomma.com:99999'],
    ['PALOMMA_SIGNING_SECRET', 'short'],
    ['PALOMMA_OPEN_AMOUNT', 'yes'],
    ['PALOMMA_MIN_AMOUNT', '2999'],
    ['PALOMMA_MAX_AMOUNT', '550000001'],
    ['PALOMMA_MIN_AMOUNT', 'ten'],
    ['PALOMMA_CATALOG', '{"id":"a"}'],
    ['PALOMMA_CATALOG', '[{"id":"a","amount":100,"description":"too cheap"}]'],
    [
      'PALOMMA_CATALOG',
      '[{"id":"a","amount":3000,"description":"A"},{"id":"a","amount":4000,"description":"B"}]',
    ],
    ['PALOMMA_CATALOG_FILE', '/etc/catalog.json'],
    ['PALOMMA_TIMEOUT_MS', '0'],
    ['PALOMMA_REFERENCE_PREFIX', '-bad'],
    ['PALOMMA_BASE_PATH', 'api'],
    ['PALOMMA_CLIENT_IP_HEADER', 'x forwarded'],
    ['PALOMMA_LOG', 'verbose'],
  ] as const) {
    it(`refuses ${variable}=${JSON.stringify(value)} naming the variable`, () => {
      assertRefused({...live, [variable]: value}, variable);
    });
  }

  it('refuses a minimum above the maximum', () => {
    assertRefused(
      {...live, PALOMMA_MIN_AMOUNT: '90000', PALOMMA_MAX_AMOUNT: '80000'},
      'PALOMMA_MIN_AMOUNT',
    );
  });

  it('never prints the signing secret when refusing it', () => {
    assert.throws(
      () => loadConfig({...live, PALOMMA_SIGNING_SECRET: 'hunter2-short'}),
      (error: Error) => !error.message.includes('hunter2'),
    );
  });
});

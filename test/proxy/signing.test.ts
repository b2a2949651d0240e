import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {runSign, UsageError} from '../../proxy/cli.js';
import {canonicalCheckout, signCheckout, verifyCheckoutSignature} from '../../proxy/signing.js';

/** The README's worked example, checked against Python's hmac and `openssl dgst -sha256 -hmac`. */
const example = {
  secret: '0123456789abcdef0123456789abcdef',
  fields: {
    amount: 1_850_000,
    description: 'Canon de arrendamiento marzo 2026',
    reference: 'INV-2026-0001',
    expires: 1_774_972_800,
  },
  message:
    'palomma-pay/v1\n1850000\nINV-2026-0001\n\n1774972800\nCanon de arrendamiento marzo 2026',
  signature: 'f38984abda0f7871dfe33b299e8ac3aec3f8a2da0788ea25fe38fec4b65869eb',
};

describe('signCheckout()', () => {
  it('signs the documented canonical message (README worked example)', async () => {
    assert.equal(canonicalCheckout(example.fields), example.message);
    assert.equal(await signCheckout(example.fields, example.secret), example.signature);
  });

  it('puts the contract on its own line when there is one', async () => {
    const fields = {...example.fields, contract: 'C-12'};

    assert.equal(canonicalCheckout(fields), example.message.replace('\n\n', '\nC-12\n'));
    assert.equal(
      await signCheckout(fields, example.secret),
      '812492fa501554da5d1bd6cb09d2ffbeda2bb215ce742480725f55e8334069ee',
    );
  });

  it('refuses line breaks that could make two checkouts share one message', () => {
    assert.throws(() => canonicalCheckout({...example.fields, description: 'a\nb'}), TypeError);
    assert.throws(() => canonicalCheckout({...example.fields, contract: 'C\r1'}), TypeError);
  });

  it('refuses amounts Palomma would refuse', () => {
    assert.throws(() => canonicalCheckout({...example.fields, amount: 2_999}), TypeError);
    assert.throws(() => canonicalCheckout({...example.fields, amount: 1_000.5}), TypeError);
  });
});

describe('verifyCheckoutSignature()', () => {
  it('accepts the signature of the same fields, in upper case too', async () => {
    assert.equal(
      await verifyCheckoutSignature(example.fields, example.signature, example.secret),
      true,
    );
    assert.equal(
      await verifyCheckoutSignature(
        example.fields,
        example.signature.toUpperCase(),
        example.secret,
      ),
      true,
    );
  });

  for (const [field, value] of [
    ['amount', 185_000],
    ['description', 'Canon de arrendamiento abril 2026'],
    ['reference', 'INV-2026-0002'],
    ['expires', 1_774_972_801],
    ['contract', '00000'],
  ] as const) {
    it(`rejects the signature when ${field} changes`, async () => {
      const tampered = {...example.fields, [field]: value};

      assert.equal(
        await verifyCheckoutSignature(tampered, example.signature, example.secret),
        false,
      );
    });
  }

  it('rejects a signature made with another secret', async () => {
    const other = await signCheckout(example.fields, 'another-secret-0123456789abcdef0123');

    assert.equal(await verifyCheckoutSignature(example.fields, other, example.secret), false);
  });

  it('rejects malformed signatures without throwing', async () => {
    for (const signature of ['', 'zz', example.signature.slice(2), `${example.signature}00`]) {
      assert.equal(await verifyCheckoutSignature(example.fields, signature, example.secret), false);
    }
  });
});

describe('npm run sign', () => {
  const env = {PALOMMA_SIGNING_SECRET: example.secret};

  it('prints the element with its signed attributes', async () => {
    const out = await runSign(
      [
        '--amount',
        '1850000',
        '--description',
        example.fields.description,
        '--reference',
        'INV-2026-0001',
        '--expires',
        '1774972800',
      ],
      env,
    );

    assert.equal(
      out,
      `<palomma-pay amount="1850000" description="Canon de arrendamiento marzo 2026" reference="INV-2026-0001" expires="1774972800" signature="${example.signature}"></palomma-pay>`,
    );
  });

  it('computes expires from --expires-in and the clock, and prints JSON on request', async () => {
    const out = await runSign(
      [
        '--amount',
        '1850000',
        '--description',
        'x',
        '--reference',
        'R1',
        '--expires-in',
        '600',
        '--json',
      ],
      env,
      1_774_972_200_000,
    );

    assert.equal(JSON.parse(out).expires, 1_774_972_800);
  });

  it('refuses to run without the secret in the environment', async () => {
    await assert.rejects(
      runSign(['--amount', '1850000', '--description', 'x', '--reference', 'R1'], {}),
      (error: unknown) =>
        error instanceof UsageError && /PALOMMA_SIGNING_SECRET/.test(error.message),
    );
  });

  it('explains a missing option', async () => {
    await assert.rejects(runSign(['--amount', '1850000'], env), UsageError);
  });
});

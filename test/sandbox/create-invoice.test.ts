import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {
  assertError,
  call,
  createInvoice,
  exampleInvoice,
  newSandbox,
  ORIGIN,
  T0,
} from './helpers.js';

const sandbox = newSandbox();
after(() => sandbox.close());

describe('POST /invoices', () => {
  describe('when the documented example is sent', () => {
    it('answers 200 with the invoice Palomma documents', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {body: exampleInvoice});

      assert.equal(answer.status, 200);
      const invoice = answer.json;
      assert.match(invoice.id, /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
      assert.deepEqual(invoice, {
        id: invoice.id,
        reference: 'INV-2026-0001',
        status: 'ready',
        amount: 1850000,
        description: 'Canon de arrendamiento marzo 2026',
        contract: '00000',
        expirationDate: '2026-03-11T16:37:14.007Z',
        customerDocumentNumber: '900123456',
        createdAt: T0,
        paymentUrl: `${ORIGIN}/pay/sandbox_merchant/${invoice.id}`,
      });
    });

    it('keeps the documented field order', async () => {
      const invoice = await createInvoice(sandbox);

      assert.deepEqual(Object.keys(invoice), [
        'id',
        'reference',
        'status',
        'amount',
        'description',
        'contract',
        'expirationDate',
        'customerDocumentNumber',
        'createdAt',
        'paymentUrl',
      ]);
    });
  });

  describe('when optional fields are sent', () => {
    it('echoes customerName and contract but never redirectUrl or documentType', async () => {
      const invoice = await createInvoice(sandbox, {
        documentType: 'nit',
        customerName: 'Inmobiliaria Ejemplo SAS',
        contract: 'C-42',
      });

      assert.equal(invoice.customerName, 'Inmobiliaria Ejemplo SAS');
      assert.equal(invoice.contract, 'C-42');
      assert.equal('redirectUrl' in invoice, false);
      assert.equal('documentType' in invoice, false);
    });

    for (const documentType of ['cc', 'ce', 'nit', 'ti', 'ps', 'cif', 'ne', 'rc', 'ppt']) {
      it(`accepts documentType ${documentType}`, async () => {
        await createInvoice(sandbox, {documentType});
      });
    }

    it('ignores unknown fields', async () => {
      const invoice = await createInvoice(sandbox, {currency: 'USD'});

      assert.equal('currency' in invoice, false);
    });
  });

  describe('when the amount is', () => {
    const cases: [string, unknown, number][] = [
      ['the minimum 3000', 3000, 200],
      ['the maximum 550000000', 550_000_000, 200],
      ['2999', 2999, 400],
      ['550000001', 550_000_001, 400],
      ['a float', 3000.5, 400],
      ['a numeric string', '3000', 400],
      ['1e3', 1e3, 400],
      ['negative', -5000, 400],
      ['zero', 0, 400],
      ['null', null, 400],
      ['a boolean', true, 400],
    ];
    for (const [name, amount, status] of cases) {
      it(`${name}, it answers ${status}`, async () => {
        const answer = await call(sandbox, 'POST', '/v1/invoices', {
          body: {...exampleInvoice, amount},
        });

        if (status === 200) assert.equal(answer.json.amount, amount);
        else assertError(answer, 400, 'invalid_request', ['amount']);
      });
    }

    it('written 1e3 in the JSON text, it answers 400', async () => {
      const raw = JSON.stringify(exampleInvoice).replace('1850000', '1e3');

      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        raw,
        headers: {'content-type': 'application/json'},
      });

      assertError(answer, 400, 'invalid_request', ['amount']);
    });
  });

  describe('when a required field is missing or empty', () => {
    for (const field of [
      'reference',
      'amount',
      'description',
      'redirectUrl',
      'customerDocumentNumber',
    ] as const) {
      it(`refuses a missing ${field}`, async () => {
        const body: Record<string, unknown> = {...exampleInvoice};
        delete body[field];

        const answer = await call(sandbox, 'POST', '/v1/invoices', {body});

        assertError(answer, 400, 'invalid_request', [field]);
        assert.match(answer.json.error.fields[field], /required/);
      });
      if (field !== 'amount') {
        it(`refuses an empty ${field}`, async () => {
          const answer = await call(sandbox, 'POST', '/v1/invoices', {
            body: {...exampleInvoice, [field]: ''},
          });

          assertError(answer, 400, 'invalid_request', [field]);
        });
      }
    }

    it('names every bad field at once', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {body: {amount: 'x'}});

      assertError(answer, 400, 'invalid_request', [
        'reference',
        'amount',
        'description',
        'redirectUrl',
        'customerDocumentNumber',
      ]);
    });
  });

  describe('when an optional field is invalid', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown documentType', {documentType: 'dni'}, 'documentType'],
      ['an upper-case documentType', {documentType: 'CC'}, 'documentType'],
      ['an empty customerName', {customerName: ''}, 'customerName'],
      ['a numeric customerName', {customerName: 12}, 'customerName'],
      ['an empty contract', {contract: ''}, 'contract'],
      ['a null contract', {contract: null}, 'contract'],
      ['a relative redirectUrl', {redirectUrl: '/return'}, 'redirectUrl'],
      ['a javascript: redirectUrl', {redirectUrl: 'javascript:alert(1)'}, 'redirectUrl'],
      ['a text redirectUrl', {redirectUrl: 'not a url'}, 'redirectUrl'],
      ['a numeric reference', {reference: 7}, 'reference'],
    ];
    for (const [name, change, field] of cases) {
      it(`refuses ${name}`, async () => {
        const answer = await call(sandbox, 'POST', '/v1/invoices', {
          body: {...exampleInvoice, ...change},
        });

        assertError(answer, 400, 'invalid_request', [field]);
      });
    }
  });

  describe('when the body is not a JSON object', () => {
    it('answers 400 invalid_json for malformed JSON', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        raw: '{"reference": ',
        headers: {'content-type': 'application/json'},
      });

      assertError(answer, 400, 'invalid_json');
    });

    it('answers 400 invalid_json for an empty body', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        raw: '',
        headers: {'content-type': 'application/json'},
      });

      assertError(answer, 400, 'invalid_json');
    });

    for (const raw of ['[]', '"text"', '42', 'null']) {
      it(`answers 400 invalid_request for ${raw}`, async () => {
        const answer = await call(sandbox, 'POST', '/v1/invoices', {
          raw,
          headers: {'content-type': 'application/json'},
        });

        assertError(answer, 400, 'invalid_request');
      });
    }

    it('answers 415 for a form body', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        raw: 'reference=x',
        headers: {'content-type': 'application/x-www-form-urlencoded'},
      });

      assertError(answer, 415, 'unsupported_media_type');
    });

    it('answers 415 without a content type', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        raw: JSON.stringify(exampleInvoice),
      });

      assertError(answer, 415, 'unsupported_media_type');
    });

    it('accepts application/json with a charset', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        body: exampleInvoice,
        headers: {'content-type': 'application/json; charset=utf-8'},
      });

      assert.equal(answer.status, 200);
    });

    it('answers 413 for a body over 64 KiB, and stays up', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        body: {...exampleInvoice, description: 'x'.repeat(70 * 1024)},
      });

      assertError(answer, 413, 'body_too_large');
      await createInvoice(sandbox);
    });

    it('answers 413 when the body streams past the limit without a Content-Length', async () => {
      const big = new TextEncoder().encode(JSON.stringify({description: 'y'.repeat(100_000)}));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < big.length; i += 8192) controller.enqueue(big.slice(i, i + 8192));
          controller.close();
        },
      });

      const response = await sandbox.app.request('/v1/invoices', {
        method: 'POST',
        headers: {authorization: 'Bearer k', 'content-type': 'application/json'},
        body,
        duplex: 'half',
      } as RequestInit);

      assert.equal(response.status, 413);
      assert.equal(
        ((await response.json()) as {error: {code: string}}).error.code,
        'body_too_large',
      );
    });
  });

  describe('when the request is not authenticated', () => {
    it('answers 401 without an Authorization header', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        body: exampleInvoice,
        auth: false,
      });

      assertError(answer, 401, 'unauthorized');
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
    });

    it('answers 401 for a Basic credential', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        body: exampleInvoice,
        auth: false,
        headers: {authorization: 'Basic dXNlcjpwYXNz'},
      });

      assertError(answer, 401, 'unauthorized');
    });

    it('answers 401 before looking at the body', async () => {
      const answer = await call(sandbox, 'POST', '/v1/invoices', {
        raw: '{',
        auth: false,
        headers: {'content-type': 'application/json'},
      });

      assertError(answer, 401, 'unauthorized');
    });

    it('answers 401 for a key that is not configured', async () => {
      const strict = newSandbox({apiKeys: ['sk_good']});

      const bad = await call(strict, 'POST', '/v1/invoices', {
        body: exampleInvoice,
        auth: 'sk_bad',
      });
      const good = await call(strict, 'POST', '/v1/invoices', {
        body: exampleInvoice,
        auth: 'sk_good',
      });

      assertError(bad, 401, 'unauthorized');
      assert.equal(good.status, 200);
      await strict.close();
    });
  });

  describe('when called without the /v1 prefix', () => {
    it('behaves the same', async () => {
      const answer = await call(sandbox, 'POST', '/invoices', {body: exampleInvoice});

      assert.equal(answer.status, 200);
      assert.equal(answer.json.status, 'ready');
    });
  });

  describe('when several invoices are created in the same millisecond', () => {
    it('gives them distinct ids that sort in creation order', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await createInvoice(sandbox)).id);

      assert.equal(new Set(ids).size, 50);
      assert.deepEqual([...ids].sort(), ids);
    });
  });

  describe('when the clock moves', () => {
    it('stamps createdAt from the sandbox clock and expires exactly five minutes later', async () => {
      const clocked = newSandbox({now: '2026-12-31T23:58:00.000Z'});

      const invoice = await createInvoice(clocked);

      assert.equal(invoice.createdAt, '2026-12-31T23:58:00.000Z');
      assert.equal(invoice.expirationDate, '2027-01-01T00:03:00.000Z');
      await clocked.close();
    });
  });

  describe('when Palomma would fill the customer name', () => {
    it('fills it only with fillCustomerName', async () => {
      const filling = newSandbox({fillCustomerName: true});

      const invoice = await createInvoice(filling);
      const named = await createInvoice(filling, {customerName: 'Ana'});

      assert.equal(typeof invoice.customerName, 'string');
      assert.equal(named.customerName, 'Ana');
      await filling.close();
    });
  });
});

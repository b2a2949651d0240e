/**
 * The API key and the signing secret never leave the proxy: not in a response body or header, not in a log line,
 * not in the built widget. The upstream here is hostile on purpose: it echoes the key in bodies and headers.
 */
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createProxy} from '../../proxy/app.js';
import {redactor} from '../../proxy/log.js';
import {signCheckout} from '../../proxy/signing.js';
import {
  CATALOG,
  FIXTURE_NOW,
  SECRET_KEY,
  SIGNING_SECRET,
  checkoutBody,
  config,
  invoice,
  postJson,
  scriptedUpstream,
} from './support.js';

const secrets = [SECRET_KEY, SIGNING_SECRET];

/** An upstream that puts the key everywhere it can: error bodies, extra fields, headers. */
function leakyUpstream(mode: 'ok' | '401' | '500' | 'garbage') {
  return scriptedUpstream((request) => {
    const key = request.headers.get('authorization') ?? '';
    const headers = {
      'content-type': 'application/json',
      'x-echo-authorization': key,
      'set-cookie': `k=${key}`,
    };
    if (mode === '401')
      return new Response(JSON.stringify({error: `bad key ${key}`}), {status: 401, headers});
    if (mode === '500')
      return new Response(`upstream crashed; request had ${key}`, {status: 500, headers});
    if (mode === 'garbage') return new Response(`{"id": "${key}`, {status: 200, headers});
    if (request.method === 'GET') {
      return new Response(
        JSON.stringify({items: [{...invoice(), debug: key}], count: 1, cursor: null}),
        {headers},
      );
    }
    return new Response(JSON.stringify({...invoice(), debug: key, customerName: key}), {headers});
  });
}

async function exchanges(mode: 'ok' | '401' | '500' | 'garbage') {
  const upstream = leakyUpstream(mode);
  const lines: object[] = [];
  const app = createProxy(
    config({
      PALOMMA_API_KEY: SECRET_KEY,
      PALOMMA_SIGNING_SECRET: SIGNING_SECRET,
      PALOMMA_OPEN_AMOUNT: 'true',
      PALOMMA_CATALOG: JSON.stringify(CATALOG),
    }),
    {fetch: upstream.fetch, now: () => FIXTURE_NOW, log: (line) => lines.push(line)},
  );
  const fields = {
    amount: 60_000,
    description: 'Canon',
    reference: 'INV-9',
    expires: FIXTURE_NOW / 1000 + 60,
  };
  const requests: [string, RequestInit?][] = [
    ['/checkout', postJson(checkoutBody())],
    [
      '/checkout',
      postJson(checkoutBody({...fields, signature: await signCheckout(fields, SIGNING_SECRET)})),
    ],
    ['/checkout', postJson(checkoutBody({...fields, amount: 70_000, signature: 'ab'.repeat(32)}))],
    ['/checkout', postJson(checkoutBody({amount: undefined, item: 'admin-fee'}))],
    ['/checkout', postJson('{bad json')],
    ['/status/INV-9'],
    ['/config'],
    ['/health'],
    ['/nowhere'],
  ];
  const answers: string[] = [];
  for (const [path, init] of requests) {
    const response = await app.request(path, init);
    answers.push(
      `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await response.text()}`,
    );
  }
  return {answers, lines: lines.map((line) => JSON.stringify(line)), upstream};
}

describe('secrets', () => {
  for (const mode of ['ok', '401', '500', 'garbage'] as const) {
    it(`never show up in answers or logs when Palomma answers ${mode}`, async () => {
      const {answers, lines, upstream} = await exchanges(mode);

      assert.ok(upstream.calls.length > 0, 'the upstream was called');
      assert.equal(lines.length, answers.length);
      for (const text of [...answers, ...lines]) {
        for (const secret of secrets) assert.ok(!text.includes(secret), `leaked in:\n${text}`);
        assert.doesNotMatch(text, /sk_live_|x-echo|set-cookie|bad key|crashed/i);
      }
    });
  }

  it('are cleaned from any log line, with document and customer fields, as a last guard', () => {
    const lines: object[] = [];
    const log = redactor((line) => lines.push(line), [SECRET_KEY]);

    log({
      problem: `failed with Bearer ${SECRET_KEY}`,
      detail: {customerDocumentNumber: '1020304050'},
      list: [SECRET_KEY],
    });

    assert.deepEqual(lines, [
      {
        problem: 'failed with Bearer [redacted]',
        detail: {customerDocumentNumber: '[redacted]'},
        list: ['[redacted]'],
      },
    ]);
  });

  const dist = fileURLToPath(new URL('../../dist', import.meta.url));
  it(
    'never reach the built widget in dist/',
    {skip: !existsSync(dist) && 'dist/ is not built yet'},
    () => {
      const keys = [
        SECRET_KEY,
        SIGNING_SECRET,
        process.env.PALOMMA_API_KEY,
        process.env.PALOMMA_SIGNING_SECRET,
      ];
      const files = readdirSync(dist, {recursive: true, encoding: 'utf8'}).filter((file) =>
        statSync(join(dist, file)).isFile(),
      );

      assert.ok(files.length > 0);
      for (const file of files) {
        const text = readFileSync(join(dist, file), 'utf8');
        for (const key of keys) if (key) assert.ok(!text.includes(key), `${file} holds a secret`);
        // Proxy code in the widget bundle would mean the bundle could read server settings.
        assert.doesNotMatch(text, /PALOMMA_API_KEY|PALOMMA_SIGNING_SECRET|Bearer /, file);
      }
    },
  );
});

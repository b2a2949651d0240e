/** The Node keep-alive upstream transport against a plain `node:http` server on loopback. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, it} from 'node:test';
import {createKeepAliveFetch} from '../../proxy/node-fetch.js';

describe('createKeepAliveFetch()', () => {
  let server: http.Server;
  let origin: string;
  let connections = 0;
  const transport = createKeepAliveFetch();

  before(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/hang') return;
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk));
      request.on('end', () => {
        if (request.url === '/empty') {
          response.writeHead(204).end();
          return;
        }
        response.writeHead(201, {'content-type': 'application/json', 'x-reply': 'yes'});
        response.end(
          JSON.stringify({method: request.method, auth: request.headers.authorization, body}),
        );
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and answers a standard Response', async () => {
    const response = await transport.fetch(`${origin}/invoices`, {
      method: 'POST',
      headers: {authorization: 'Bearer k', 'content-type': 'application/json'},
      body: '{"amount":5000}',
    });

    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-reply'), 'yes');
    assert.deepEqual(await response.json(), {
      method: 'POST',
      auth: 'Bearer k',
      body: '{"amount":5000}',
    });
  });

  it('keeps one connection for requests one after another', async () => {
    const before = connections;

    for (let i = 0; i < 5; i++) await (await transport.fetch(`${origin}/x`)).text();

    assert.ok(connections - before <= 1, `${connections - before} new connections`);
  });

  it('answers a body-less status', async () => {
    const response = await transport.fetch(`${origin}/empty`);

    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
  });

  it('rejects when the signal aborts a request that hangs', async () => {
    const controller = new AbortController();
    const pending = transport.fetch(`${origin}/hang`, {signal: controller.signal});

    controller.abort();

    await assert.rejects(pending);
  });

  it('refuses protocols other than http and https', async () => {
    await assert.rejects(transport.fetch('ftp://127.0.0.1/x'), TypeError);
  });
});

/**
 * The hub's bank adapter client against real sockets that misbehave in the ways the sample adapter's
 * switches do not cover: headers sent but the body trickling forever, an answer larger than the cap,
 * a refused connection, a redirect.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { BANK_REPLY_MAX_BYTES, createBankClient } from '../../src/server/bank/bankAdapterClient.js';
import { sampleProducts } from '../../src/server/bank/sampleProducts.js';
import { freePort } from '../support/freePort.js';

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const client = (url: string, timeoutMs = 500) =>
  createBankClient({ config: () => ({ url, token: 't', timeoutMs }), now: () => 7, log: createLogger('test') });

describe('the bank adapter client', () => {
  it('gives up on a body that trickles past the deadline', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"accounts": [');
      // …and nothing more.
    });
    expect(await client(url).products('C-1')).toEqual({ state: 'unreachable', reason: 'no answer within 0.5 s' });
  });

  it('refuses an answer larger than the cap without reading it all', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"accounts": [], "junk": "${'x'.repeat(BANK_REPLY_MAX_BYTES + 10)}"}`);
    });
    expect(await client(url, 5000).products('C-1')).toEqual({
      state: 'unreadable',
      reason: `the answer is larger than ${BANK_REPLY_MAX_BYTES} bytes`,
    });
  });

  it('names a refused connection and does not follow redirects', async () => {
    const refused = await client(`http://127.0.0.1:${await freePort()}`).products('C-1');
    expect(refused).toEqual({ state: 'unreachable', reason: 'not reachable (ECONNREFUSED)' });
    const url = await serve((_request, response) => {
      response.writeHead(302, { location: 'http://example.invalid/' });
      response.end();
    });
    expect((await client(url).products('C-1')).state).toBe('unreachable');
  });

  it('sends the token and the bank id, and reads the products', async () => {
    const seen: { url?: string; auth?: string } = {};
    const url = await serve((request, response) => {
      seen.url = request.url;
      seen.auth = request.headers.authorization;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(sampleProducts('C 1')));
    });
    expect(await client(`${url}/v1/`).products('C 1')).toEqual({
      state: 'ok',
      products: sampleProducts('C 1'),
      fetchedAt: 7,
    });
    expect(seen).toEqual({ url: '/v1/customers/C%201/products', auth: 'Bearer t' });
  });
});

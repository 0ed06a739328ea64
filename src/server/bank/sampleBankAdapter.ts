/**
 * A sample bank adapter for demos and tests (docs/bank-adapter.md): answers
 * `GET /customers/{externalId}/products` with deterministic products for any bank id (404 for ids
 * starting with "missing"), behind a bearer token. Switches make it misbehave the ways a real bank
 * system does: hang (never answer), garbage (not JSON), wrong_shape (JSON that is not products),
 * pan (a full card number where only the last four digits belong), error (HTTP 500).
 *
 * `npm run bank-adapter`: OKNO_BANK_ADAPTER_PORT (8790), OKNO_BANK_ADAPTER_HOST (127.0.0.1),
 * OKNO_BANK_ADAPTER_TOKEN (demo-bank-token), OKNO_BANK_ADAPTER_MODE (ok).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../../shared/log.js';
import { sampleProducts } from './sampleProducts.js';

export const SAMPLE_BANK_MODES = ['ok', 'hang', 'garbage', 'wrong_shape', 'pan', 'error'] as const;
export type SampleBankMode = (typeof SAMPLE_BANK_MODES)[number];

export interface SampleBankAdapter {
  /** The base address to give the hub. */
  url: string;
  token: string;
  mode: SampleBankMode;
  setMode(mode: SampleBankMode): void;
  /** How many product requests it has seen (tests wait on it). */
  requests(): number;
  close(): Promise<void>;
}

export interface SampleBankOptions {
  port?: number;
  host?: string;
  token?: string;
  mode?: SampleBankMode;
}

/** A Luhn-valid test PAN: what a careless bank system might send in the `pan` mode. */
export const SAMPLE_LEAKED_PAN = '4111111111111111';

export async function startSampleBankAdapter(options: SampleBankOptions = {}): Promise<SampleBankAdapter> {
  const token = options.token ?? 'demo-bank-token';
  let mode: SampleBankMode = options.mode ?? 'ok';
  let seen = 0;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/customers\/([^/?]+)\/products(?:\?.*)?$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match) return send(response, 404, { error: 'no such route' });
    seen++;
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'bad token' });
    const externalId = decodeURIComponent(match[1]!);
    switch (mode) {
      case 'hang':
        return; // Never answers; close() drops the socket.
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end('<html><body>Service Temporarily Unavailable</body></html>');
      case 'wrong_shape':
        return send(response, 200, { accounts: 'several', cards: [{ number: 42 }] });
      case 'error':
        return send(response, 500, { error: 'core banking is down' });
      case 'pan': {
        const products = sampleProducts(externalId);
        return send(response, 200, {
          ...products,
          cards: products.cards.map((card) => ({
            ...card,
            pan: SAMPLE_LEAKED_PAN,
            name: `Card ${SAMPLE_LEAKED_PAN.replace(/(\d{4})(?=\d)/g, '$1 ')}`,
          })),
        });
      }
      case 'ok':
        if (externalId.startsWith('missing')) return send(response, 404, { error: 'no such customer' });
        return send(response, 200, sampleProducts(externalId));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    token,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
    },
    requests: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const log = createLogger('bank-adapter');
  const modeText = process.env.OKNO_BANK_ADAPTER_MODE ?? 'ok';
  if (!(SAMPLE_BANK_MODES as readonly string[]).includes(modeText))
    throw new Error(`OKNO_BANK_ADAPTER_MODE must be one of ${SAMPLE_BANK_MODES.join(', ')}; got "${modeText}"`);
  const adapter = await startSampleBankAdapter({
    port: Number(process.env.OKNO_BANK_ADAPTER_PORT ?? 8790),
    host: process.env.OKNO_BANK_ADAPTER_HOST ?? '127.0.0.1',
    token: process.env.OKNO_BANK_ADAPTER_TOKEN ?? 'demo-bank-token',
    mode: modeText as SampleBankMode,
  });
  log.info('sample bank adapter listening; set its address and token in the hub (Settings → Identification)', {
    url: adapter.url,
    token: adapter.token,
    mode: adapter.mode,
  });
  const stop = () => void adapter.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    createLogger('bank-adapter').error('sample bank adapter failed', { error: String(error) });
    process.exit(1);
  });
}

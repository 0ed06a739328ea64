import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { BROWSER_HOST_SOCKET_PATH } from '../../shared/contractWire.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { contentSecurityPolicy, type CoreEndpoint } from '../core/index.js';
import { createContractSocket } from './contractSocket.js';
import { newHostToken } from './hostToken.js';
import { resolveStatic, sendFile } from './staticFiles.js';

export const LOOPBACK = '127.0.0.1';

export interface BrowserHostOptions {
  core: CoreEndpoint;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Only 127.0.0.1 is accepted: the contract gives full control of the agent's session. */
  host?: string;
  /** 0 (default) lets the OS pick. */
  port?: number;
  /** The per-run secret; a fresh random one by default. */
  token?: string;
  /** Extra connect-src entries for the CSP, e.g. the PBX's SIP-over-WebSocket address. */
  connectSources?: readonly string[];
  log?: Logger;
}

export interface BrowserHost {
  /** http://127.0.0.1:PORT/?token=TOKEN — open this. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer to a browser on loopback and carries the contract over a WebSocket.
 * A page from anywhere else cannot drive the core: the socket needs this run's token and this
 * host's origin, and requests for any other Host name are refused (DNS rebinding).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) {
    throw new Error(
      `the browser host listens only on ${LOOPBACK}, not "${host}": it must never be reachable from the network`,
    );
  }
  const log = options.log ?? createLogger('browser-host');
  const token = options.token ?? newHostToken();
  let port = 0;
  const origin = () => `http://${LOOPBACK}:${port}`;
  const ownHost = () => `${LOOPBACK}:${port}`;
  let fixedSources: string[] = [];
  // The saved PBX address may change while the host runs: every page load gets the current one.
  const csp = () => contentSecurityPolicy([...fixedSources, ...options.core.connectSources()]);

  const contract = createContractSocket({ core: options.core, token, origin, log });

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('content-security-policy', csp());
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-frame-options', 'DENY');
    const reply = (status: number, text: string) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(text);
    };
    if (request.headers.host !== ownHost()) return reply(421, `this host answers only to ${ownHost()}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return reply(405, 'method not allowed');
    }
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const found = await resolveStatic(options.staticDir, rawPath);
    if (found.kind === 'refused') return reply(found.status, found.reason);
    if (found.kind === 'missing') return reply(404, 'not found');
    sendFile(request, response, found.file, found.size);
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', origin());
    if (url.pathname !== BROWSER_HOST_SOCKET_PATH || request.headers.host !== ownHost()) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    contract.upgrade(request, socket, head, url);
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      log.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on('upgrade', onUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  fixedSources = [`ws://${LOOPBACK}:${port}`, ...(options.connectSources ?? [])];
  const url = `${origin()}/?token=${token}`;
  log.info('browser host listening', { origin: origin() });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        contract.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

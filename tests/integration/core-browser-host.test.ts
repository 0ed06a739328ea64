import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import { startBrowserHost, type BrowserHost } from '../../src/main/web/index.js';
import { BROWSER_HOST_SOCKET_PATH, type HostFrame } from '../../src/shared/contractWire.js';
import { tempDir } from '../unit/core-fixtures.js';

let root: { dir: string; remove: () => void };
let core: AgentCore;
let host: BrowserHost;
let origin: string;

const INDEX = '<!doctype html><title>Okno</title><script type="module" src="./assets/app.js"></script>';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function raw(
  pathname: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens the contract socket; resolves with it, or with the HTTP status that refused it. */
function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${BROWSER_HOST_SOCKET_PATH}${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

function nextFrame(ws: WebSocket, match: (f: HostFrame) => boolean = () => true): Promise<HostFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as HostFrame;
      if (!match(frame)) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

beforeAll(async () => {
  root = tempDir('okno-host-');
  const staticDir = path.join(root.dir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("okno")');
  writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root.dir, 'secret.txt'), 'TOP SECRET');
  const dataDir = path.join(root.dir, 'data');
  core = await createAgentCore({ dataDir, host: 'browser', secretBox: createFileKeySecretBox(dataDir) });
  host = await startBrowserHost({ core, staticDir });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await core.close();
  root.remove();
});

describe('browser host: static files', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses to listen anywhere but 127.0.0.1', async () => {
    await expect(startBrowserHost({ core, staticDir: root.dir, host: '0.0.0.0' })).rejects.toThrow(
      /only on 127\.0\.0\.1/,
    );
  });

  it('serves index.html with a strict CSP and nosniff', async () => {
    const res = await raw('/?token=x');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; media-src 'self' blob:; ` +
        `connect-src 'self' ws://127.0.0.1:${host.port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
  });

  it('serves assets with their content types and falls back to index.html for app routes', async () => {
    expect((await raw('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const route = await raw('/inbox/thread/42');
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX);
    expect((await raw('/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal in every spelling', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await raw(attempt);
      expect(res.body, attempt).not.toContain('TOP SECRET');
      expect(res.status, attempt).toBe(403);
    }
    expect((await raw('/%E0%A4%A')).status).toBe(400);
  });

  it('answers only to its own host name and only to GET/HEAD', async () => {
    expect((await raw('/', { headers: { host: 'evil.example:80' } })).status).toBe(421);
    expect((await raw('/', { method: 'POST' })).status).toBe(405);
    const head = await raw('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('browser host: contract socket', () => {
  it('refuses a socket without the token, with a wrong token, or from a foreign origin', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect(`?token=${host.token.slice(0, -1)}x`)).toBe(401);
    expect(await connect(`?token=${host.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`?token=${host.token}`, { origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
  });

  it('carries requests and responses for the right token and origin', async () => {
    const ws = await connect(`?token=${host.token}`, { origin });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const reply = nextFrame(ws, (f) => f.type === 'response' && f.id === 7);
    ws.send(JSON.stringify({ type: 'request', id: 7, name: 'app.info', input: {} }));
    expect(await reply).toEqual({
      type: 'response',
      id: 7,
      result: { ok: true, output: { version: '0.0.0-dev', host: 'browser', embeddedHubUrl: null } },
    });
    const unknown = nextFrame(ws, (f) => f.type === 'response' && f.id === 8);
    ws.send(JSON.stringify({ type: 'request', id: 8, name: 'shell.exec', input: {} }));
    expect(await unknown).toMatchObject({ result: { ok: false, error: { code: 'unknown_request' } } });
    ws.close();
  });

  it('sends core events to every socket', async () => {
    const a = await connect(`?token=${host.token}`, { origin });
    const b = await connect(`?token=${host.token}`);
    if (typeof a === 'number' || typeof b === 'number') throw new Error('refused');
    const seenByB = nextFrame(b, (f) => f.type === 'event');
    a.send(JSON.stringify({ type: 'request', id: 1, name: 'settings.update', input: { language: 'ru' } }));
    expect(await seenByB).toEqual({
      type: 'event',
      name: 'settings.changed',
      payload: { language: 'ru', hubUrl: null },
    });
    a.close();
    b.close();
  });

  it('answers a malformed frame with a clear error, and closes on one it cannot answer', async () => {
    const ws = await connect(`?token=${host.token}`, { origin });
    if (typeof ws === 'number') throw new Error('refused');
    const reply = nextFrame(ws, (f) => f.type === 'response' && f.id === 3);
    ws.send(JSON.stringify({ type: 'call', id: 3, name: 'app.info' }));
    const frame = await reply;
    expect(frame).toMatchObject({ result: { ok: false, error: { code: 'bad_request' } } });
    expect(JSON.stringify(frame)).toContain('type');
    const done = closed(ws);
    ws.send('{not json');
    const { code, reason } = await done;
    expect(code).toBe(1007);
    expect(reason).toMatch(/not JSON/);
  });

  it('closes a socket that sends more than 1 MiB at once', async () => {
    const ws = await connect(`?token=${host.token}`, { origin });
    if (typeof ws === 'number') throw new Error('refused');
    const done = closed(ws);
    ws.send(JSON.stringify({ type: 'request', id: 1, name: 'app.info', input: { pad: 'x'.repeat(1024 * 1024) } }));
    expect((await done).code).toBe(1009);
  });
});

/**
 * Shared pieces of the hub integration tests: a real hub on 127.0.0.1 port 0 over a real SQLite
 * file in a temporary folder (or its own PostgreSQL database in the PostgreSQL run, testDatabase.ts), real HTTP through fetch and real WebSockets through `ws`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { setLogLevel } from '../../src/shared/log.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { WIDGET_SOCKET_PATH } from '../../src/shared/widgetProtocol.js';
import { createHub, type Hub, type HubOptions } from '../../src/server/hub.js';
import { testDatabase } from '../support/testDatabase.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

setLogLevel('error');

const tempDirs: string[] = [];

export function tempDir(prefix = 'okno-hub-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function startHub(options: Partial<HubOptions> = {}): Promise<Hub & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir();
  const hub = await createHub({
    initialAdminPassword: ADMIN_PASSWORD,
    widgetDir: tempDir('okno-widget-'),
    // Tests of other features start from an empty library and no auto-replies; hub-routing tests opt in.
    seedDefaults: false,
    ...testDatabase(dataDir),
    ...options,
    dataDir,
  });
  return Object.assign(hub, { dataDir });
}

/** Frames and bodies as tests read them: loosely, asserting on the fields that matter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface ApiReply {
  status: number;
  headers: Headers;
  body: Loose;
}

export async function api(
  hubUrl: string,
  route: string,
  init: { method?: string; token?: string; json?: unknown; body?: string; contentType?: string } = {},
): Promise<ApiReply> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.body;
  if (init.json !== undefined) body = JSON.stringify(init.json);
  if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const response = await fetch(`${hubUrl}${route}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (the widget script, the demo page): keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export async function login(hubUrl: string, loginName = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const reply = await api(hubUrl, SYNC_API.login, { json: { login: loginName, password } });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.token as string;
}

/** Collects a socket's JSON frames so a test can wait for the one it expects. */
export class FrameQueue {
  readonly frames: Loose[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves with the first not-yet-taken frame matching `match`; rejects after `timeoutMs`. */
  async next(match: (frame: Loose) => boolean = () => true, timeoutMs = 5000): Promise<Loose> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits a little and confirms nothing matching arrived. */
  async none(match: (frame: Loose) => boolean = () => true, waitMs = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const found = this.frames.find(match);
    if (found) throw new Error(`unexpected frame ${JSON.stringify(found)}`);
  }
}

function wsUrl(hubUrl: string, route: string): string {
  return `${hubUrl.replace(/^http/, 'ws')}${route}`;
}

export async function openSocket(hubUrl: string, route: string, token?: string): Promise<FrameQueue> {
  const socket = new WebSocket(wsUrl(hubUrl, route), token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const queue = new FrameQueue(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`socket refused with HTTP ${response.statusCode}`)),
    );
  });
  return queue;
}

/** Opens the live sync socket and takes its hello frame. */
export async function openLive(hubUrl: string, token: string): Promise<{ live: FrameQueue; helloSeq: number }> {
  const live = await openSocket(hubUrl, SYNC_API.live, token);
  const hello = await live.next((f) => f.type === 'hello');
  return { live, helloSeq: hello.seq as number };
}

/** Opens a widget socket as a customer and takes the welcome frame. */
export async function openWidget(
  hubUrl: string,
  hello: { visitorToken?: string; name?: string } = {},
): Promise<{ widget: FrameQueue; visitorToken: string; history: unknown[] }> {
  const widget = await openSocket(hubUrl, WIDGET_SOCKET_PATH);
  widget.socket.send(JSON.stringify({ type: 'hello', ...hello }));
  const welcome = await widget.next((f) => f.type === 'welcome');
  return { widget, visitorToken: welcome.visitorToken as string, history: welcome.history as unknown[] };
}

/** Sends a customer message and waits for the hub's confirmation of it. */
export async function customerSays(widget: FrameQueue, text: string, clientId: string = crypto.randomUUID()) {
  widget.socket.send(JSON.stringify({ type: 'message', clientId, text }));
  return widget.next((f) => f.clientId === clientId);
}

export function closeAll(...queues: FrameQueue[]): void {
  for (const queue of queues) queue.socket.terminate();
}

/**
 * The widget's public endpoints under their limits (decision 0024), on a real hub over loopback,
 * each client from its own 127.0.x.y address (the hub's own 127.0.0.1 would skip per-address
 * limits):
 * - messages taken: visitors from many addresses each send their burst at once; confirmed
 *   messages a second with the default limits, and with the limits lifted (their cost);
 * - a flood refused: one address floods messages on 10 sockets for 10 s, coming back whenever the
 *   hub closes a socket that ignores its refusals; refusals a second, and the confirmation latency
 *   of 20 customers on other addresses writing meanwhile (each every 2 s, 10 messages a second);
 * - hellos refused: sockets opened and greeted past the new-visitor limit, refusals a second;
 * - files refused: uploads past the daily quota, 429s a second (the bytes are never read).
 * The hub runs in a process of its own (this file with --hub), so the clients' latencies are not
 * held up by the hub's work on one event loop.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { WIDGET_FILE_MAX_BYTES, WIDGET_SOCKET_PATH, WIDGET_UPLOAD_PATH } from '../../src/shared/widgetProtocol.js';
import { createHub } from '../../src/server/hub.js';
import { WIDGET_LIMITS_ENV } from '../../src/server/webchat/widgetLimits.js';

type Frame = Record<string, unknown> & { type: string; clientId?: string };

interface Hub {
  url: string;
  close(): Promise<void>;
}

interface Client {
  socket: WebSocket;
  token: string;
  /** Resolves with the first frame naming `clientId`. */
  answer(clientId: string): Promise<Frame>;
}

function address(i: number): string {
  return `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
}

async function open(hub: Hub, from: string, visitorToken?: string): Promise<Client | null> {
  const socket = new WebSocket(`${hub.url.replace(/^http/, 'ws')}${WIDGET_SOCKET_PATH}`, { localAddress: from });
  const waiting = new Map<string, (frame: Frame) => void>();
  let first: ((frame: Frame) => void) | null = null;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.clientId) waiting.get(frame.clientId)?.(frame);
    else first?.(frame);
  });
  // A socket the hub closed answers nothing more: what waits is told so.
  socket.on('close', (code) => {
    for (const resolve of waiting.values()) resolve({ type: 'closed', code });
    waiting.clear();
  });
  const opened = await new Promise<boolean>((resolve) => {
    socket.once('open', () => resolve(true));
    socket.once('unexpected-response', () => resolve(false));
    socket.once('error', () => resolve(false));
  });
  if (!opened) return null;
  const hello = await new Promise<Frame>((resolve) => {
    first = resolve;
    socket.send(JSON.stringify(visitorToken ? { type: 'hello', visitorToken } : { type: 'hello' }));
  });
  if (hello.type !== 'welcome') {
    socket.terminate();
    return null;
  }
  return {
    socket,
    token: String(hello.visitorToken),
    answer: (clientId) =>
      socket.readyState === WebSocket.OPEN
        ? new Promise((resolve) => waiting.set(clientId, resolve))
        : Promise.resolve({ type: 'closed' }),
  };
}

async function send(client: Client, text: string): Promise<{ frame: Frame; ms: number }> {
  const clientId = crypto.randomUUID();
  const started = performance.now();
  const answered = client.answer(clientId);
  client.socket.send(JSON.stringify({ type: 'message', clientId, text }));
  const frame = await answered;
  return { frame, ms: performance.now() - started };
}

/** A hub in a child process over `dir`, with `limits` laid over the defaults. */
async function startHub(dir: string, limits?: unknown): Promise<Hub> {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), [new URL(import.meta.url).pathname, '--hub', dir], {
    env: { ...process.env, ...(limits ? { [WIDGET_LIMITS_ENV]: JSON.stringify(limits) } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench hub exited with code ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(line.trim()));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const perSecond = (count: number, ms: number) => round(count / (ms / 1000));
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0, 2);
}

/** Visitors from as many addresses send their burst (6) at once: confirmed messages a second. */
async function messagesTaken(dir: string, visitors: number, lifted: boolean) {
  const big = { burst: 1e9, perMinute: 1e9 };
  const hub = await startHub(
    dir,
    lifted
      ? { newVisitors: { perAddress: big, global: big }, hellos: { perAddress: big, global: big }, messages: { perVisitor: big, perAddress: big, global: big } }
      : { newVisitors: { global: { burst: visitors, perMinute: 600 } }, hellos: { global: { burst: visitors, perMinute: 3000 } } },
  );
  try {
    const clients = (await Promise.all(Array.from({ length: visitors }, (_x, i) => open(hub, address(i))))).filter(
      (c): c is Client => c !== null,
    );
    const started = performance.now();
    const results = await Promise.all(clients.flatMap((c) => Array.from({ length: 6 }, (_x, m) => send(c, `message ${m}`))));
    const ms = performance.now() - started;
    const taken = results.filter((r) => r.frame.type === 'message').length;
    for (const c of clients) c.socket.terminate();
    return {
      visitors: clients.length,
      messages: results.length,
      taken,
      refused: results.length - taken,
      seconds: round(ms / 1000, 3),
      takenPerSecond: perSecond(taken, ms),
      confirmMsP50: percentile(results.map((r) => r.ms), 50),
      confirmMsP99: percentile(results.map((r) => r.ms), 99),
    };
  } finally {
    await hub.close();
  }
}

/**
 * One address floods for `durationMs` on 10 sockets, 100 frames at a time, coming back as the same
 * visitors whenever the hub closes a socket; 20 customers on other addresses write meanwhile.
 */
async function floodAndCustomers(dir: string, durationMs: number) {
  const hub = await startHub(dir);
  try {
    const from = '127.0.9.9';
    const flooders = (await Promise.all(Array.from({ length: 10 }, () => open(hub, from)))).filter(
      (c): c is Client => c !== null,
    );
    const customers = (await Promise.all(Array.from({ length: 20 }, (_x, i) => open(hub, `127.0.10.${i + 1}`)))).filter(
      (c): c is Client => c !== null,
    );
    const tally = { sent: 0, taken: 0, refused: 0, unread: 0, reconnects: 0, reconnectsRefused: 0 };
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + durationMs;
    const flood = async (first: Client) => {
      let client = first;
      while (performance.now() < deadline) {
        if (client.socket.readyState !== WebSocket.OPEN) {
          tally.reconnects++;
          const next = await open(hub, from, client.token);
          if (!next) {
            tally.reconnectsRefused++;
            await new Promise((resolve) => setTimeout(resolve, 20));
            continue;
          }
          client = next;
        }
        const batch = Array.from({ length: 100 }, () => send(client, 'flood'));
        tally.sent += batch.length;
        for (const { frame } of await Promise.all(batch)) {
          if (frame.type === 'message') tally.taken++;
          else if (frame.type === 'slow_down') tally.refused++;
          else tally.unread++;
        }
      }
      client.socket.terminate();
    };
    const write = async () => {
      const pending: Promise<void>[] = [];
      for (let k = 0; performance.now() < deadline; k++) {
        pending.push(
          send(customers[k % customers.length]!, 'a question').then(({ frame, ms }) => {
            if (frame.type === 'message') latencies.push(ms);
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await Promise.all(pending);
    };
    await Promise.all([...flooders.map(flood), write()]);
    const ms = performance.now() - started;
    for (const c of customers) c.socket.terminate();
    return {
      seconds: round(ms / 1000, 3),
      ...tally,
      /** Frames a second the hub answered with a refusal. */
      refusedPerSecond: perSecond(tally.refused, ms),
      customerMessages: latencies.length,
      customerConfirmMsP50: percentile(latencies, 50),
      customerConfirmMsP99: percentile(latencies, 99),
    };
  } finally {
    await hub.close();
  }
}

/** Sockets opened and greeted one after another from one address, past the new-visitor limit. */
async function hellosRefused(dir: string, hellos: number) {
  const hub = await startHub(dir, { sockets: { opensPerAddress: { max: 1e6, windowMs: 60_000 } } });
  try {
    let welcomed = 0;
    const started = performance.now();
    for (let i = 0; i < hellos; i++) {
      const client = await open(hub, '127.0.8.8');
      if (client) {
        welcomed++;
        client.socket.terminate();
      }
    }
    const ms = performance.now() - started;
    return { hellos, welcomed, refused: hellos - welcomed, seconds: round(ms / 1000, 3), refusedPerSecond: perSecond(hellos - welcomed, ms) };
  } finally {
    await hub.close();
  }
}

function upload(hub: Hub, from: string, token: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(WIDGET_UPLOAD_PATH, hub.url),
      {
        method: 'POST',
        localAddress: from,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/plain',
          'content-length': String(bytes),
          'x-okno-file-name': 'a.txt',
          'x-okno-client-id': crypto.randomUUID(),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(Buffer.alloc(bytes, 'a'));
  });
}

/** A visitor past their daily quota keeps sending 5 MiB files: 429s a second. */
async function uploadsRefused(dir: string, uploads: number) {
  const hub = await startHub(dir, { uploads: { perVisitor: { max: 1e6, windowMs: 60_000 }, perAddress: { max: 1e6, windowMs: 60_000 } } });
  try {
    const from = '127.0.7.7';
    const client = (await open(hub, from))!;
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push(await upload(hub, from, client.token, WIDGET_FILE_MAX_BYTES));
    const started = performance.now();
    for (let i = 0; i < uploads; i++) statuses.push(await upload(hub, from, client.token, WIDGET_FILE_MAX_BYTES));
    const ms = performance.now() - started;
    client.socket.terminate();
    const refused = statuses.filter((s) => s === 429).length;
    return { stored: statuses.filter((s) => s === 201).length, refused, seconds: round(ms / 1000, 3), refusedPerSecond: perSecond(refused, ms) };
  } finally {
    await hub.close();
  }
}

export async function benchWidgetLimits(root: string, scale: number) {
  const visitors = Math.max(10, Math.round(200 * Math.min(1, scale)));
  const floodMs = Math.max(1000, Math.round(10_000 * Math.min(1, scale)));
  const hellos = Math.max(50, Math.round(500 * Math.min(1, scale)));
  const uploads = Math.max(5, Math.round(50 * Math.min(1, scale)));
  return {
    messagesWithLimits: await messagesTaken(path.join(root, 'taken'), visitors, false),
    messagesLimitsLifted: await messagesTaken(path.join(root, 'lifted'), visitors, true),
    floodFromOneAddress: await floodAndCustomers(path.join(root, 'flood'), floodMs),
    hellosPastTheLimit: await hellosRefused(path.join(root, 'hellos'), hellos),
    uploadsPastTheQuota: await uploadsRefused(path.join(root, 'uploads'), uploads),
  };
}

const runAsMain =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (runAsMain && process.argv[2] === '--hub') {
  // The bench's hub: prints its address, closes on SIGTERM.
  const { setLogLevel } = await import('../../src/shared/log.js');
  setLogLevel('error');
  const hub = await createHub({
    dataDir: process.argv[3]!,
    initialAdminPassword: 'bench-admin-password',
    seedDefaults: false,
    clockMs: 0,
  });
  console.log(hub.url);
  process.once('SIGTERM', () => void hub.close().then(() => process.exit(0)));
} else if (runAsMain) {
  // `tsx tests/bench/widgetLimits.ts` runs it alone.
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const { setLogLevel } = await import('../../src/shared/log.js');
  setLogLevel('error');
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-widget-'));
  try {
    console.log(JSON.stringify(await benchWidgetLimits(root, Number(process.env.OKNO_BENCH_SCALE ?? '1')), null, 2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

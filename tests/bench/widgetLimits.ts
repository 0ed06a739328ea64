/**
 * The widget's public endpoints under their limits (decision 0024), on a real hub over loopback,
 * each client from its own 127.0.x.y address (the hub's own 127.0.0.1 would skip per-address
 * limits):
 * - messages taken: visitors from many addresses each send their burst at once; confirmed
 *   messages a second with the default limits, and with the limits lifted (their cost);
 * - a flood refused: one address floods messages on its sockets; refusals a second;
 * - a customer during the flood: confirmation latency of one visitor from another address writing
 *   once every 2 s;
 * - hellos refused: sockets opened and greeted past the new-visitor limit, refusals a second;
 * - files refused: uploads past the daily quota, 429s a second (the bytes are never read).
 */
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { WIDGET_FILE_MAX_BYTES, WIDGET_SOCKET_PATH, WIDGET_UPLOAD_PATH } from '../../src/shared/widgetProtocol.js';
import { createHub, type Hub } from '../../src/server/hub.js';
import { WIDGET_LIMITS_ENV } from '../../src/server/webchat/widgetLimits.js';

type Frame = Record<string, unknown> & { type: string; clientId?: string };

interface Client {
  socket: WebSocket;
  token: string;
  /** Resolves with the first frame naming `clientId`. */
  answer(clientId: string): Promise<Frame>;
}

function address(i: number): string {
  return `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
}

async function open(hub: Hub, from: string): Promise<Client | null> {
  const socket = new WebSocket(`${hub.url.replace(/^http/, 'ws')}${WIDGET_SOCKET_PATH}`, { localAddress: from });
  const waiting = new Map<string, (frame: Frame) => void>();
  let first: ((frame: Frame) => void) | null = null;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.clientId) waiting.get(frame.clientId)?.(frame);
    else first?.(frame);
  });
  const opened = await new Promise<boolean>((resolve) => {
    socket.once('open', () => resolve(true));
    socket.once('unexpected-response', () => resolve(false));
    socket.once('error', () => resolve(false));
  });
  if (!opened) return null;
  const hello = await new Promise<Frame>((resolve) => {
    first = resolve;
    socket.send(JSON.stringify({ type: 'hello' }));
  });
  if (hello.type !== 'welcome') {
    socket.terminate();
    return null;
  }
  return {
    socket,
    token: String(hello.visitorToken),
    answer: (clientId) => new Promise((resolve) => waiting.set(clientId, resolve)),
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

async function startHub(dir: string, limits?: unknown): Promise<Hub> {
  if (limits) process.env[WIDGET_LIMITS_ENV] = JSON.stringify(limits);
  try {
    return await createHub({ dataDir: dir, initialAdminPassword: 'bench-admin-password', seedDefaults: false, clockMs: 0 });
  } finally {
    delete process.env[WIDGET_LIMITS_ENV];
  }
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

/** One address floods; another visitor writes every 2 s meanwhile. */
async function floodAndCustomer(dir: string, floodFrames: number) {
  const hub = await startHub(dir);
  try {
    const flooders = (await Promise.all(Array.from({ length: 10 }, () => open(hub, '127.0.9.9')))).filter(
      (c): c is Client => c !== null,
    );
    const customer = (await open(hub, '127.0.9.10'))!;
    const latencies: number[] = [];
    let flooding = true;
    const writing = (async () => {
      while (flooding) {
        const { frame, ms } = await send(customer, 'a question');
        if (frame.type === 'message') latencies.push(ms);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    })();
    const started = performance.now();
    const answers: Promise<{ frame: Frame }>[] = [];
    for (let i = 0; i < floodFrames; i++) {
      answers.push(send(flooders[i % flooders.length]!, `flood ${i}`));
      // Yield now and then, so the flood is a stream and the customer's frames interleave.
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await Promise.all(answers);
    const ms = performance.now() - started;
    flooding = false;
    await writing;
    const refused = results.filter((r) => r.frame.type === 'slow_down').length;
    for (const c of [...flooders, customer]) c.socket.terminate();
    return {
      floodFrames,
      refused,
      taken: floodFrames - refused,
      seconds: round(ms / 1000, 3),
      refusedPerSecond: perSecond(refused, ms),
      customerMessages: latencies.length,
      customerConfirmMsP50: percentile(latencies, 50),
      customerConfirmMsMax: round(Math.max(0, ...latencies), 2),
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
  const floodFrames = Math.max(500, Math.round(20_000 * Math.min(1, scale)));
  const hellos = Math.max(50, Math.round(500 * Math.min(1, scale)));
  const uploads = Math.max(5, Math.round(50 * Math.min(1, scale)));
  return {
    messagesWithLimits: await messagesTaken(path.join(root, 'taken'), visitors, false),
    messagesLimitsLifted: await messagesTaken(path.join(root, 'lifted'), visitors, true),
    floodFromOneAddress: await floodAndCustomer(path.join(root, 'flood'), floodFrames),
    hellosPastTheLimit: await hellosRefused(path.join(root, 'hellos'), hellos),
    uploadsPastTheQuota: await uploadsRefused(path.join(root, 'uploads'), uploads),
  };
}

// `tsx tests/bench/widgetLimits.ts` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
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

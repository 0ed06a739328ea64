/**
 * The floods of the issue replayed against a real hub on loopback, each from its own loopback
 * address (127.0.0.x; the hub's own 127.0.0.1 skips per-address limits): 30 sockets × 10
 * messages, 100 hellos, files past the daily quota, a flood from many addresses against the hub's
 * limits; and expired visitors removed under an injected clock. Every refusal must name what was
 * refused and why; nothing the hub confirmed may be missing from the queue.
 */
import http from 'node:http';
import WebSocket from 'ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import { WIDGET_FILE_MAX_BYTES, WIDGET_SOCKET_PATH, WIDGET_UPLOAD_PATH } from '../../src/shared/widgetProtocol.js';
import { DEFAULT_WIDGET_LIMITS, WIDGET_LIMITS_ENV } from '../../src/server/webchat/widgetLimits.js';
import { api, FrameQueue, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { openHubDatabase } from '../support/testDatabase.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
const hubs: Hub[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  delete process.env[WIDGET_LIMITS_ENV];
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const hub of hubs.splice(0)) await hub.close();
});
afterAll(() => removeTempDirs());

/** A hub with the default limits, or with some changed (read from the environment at start). */
async function hubWith(changes?: unknown, options: Parameters<typeof startHub>[0] = {}): Promise<Hub> {
  if (changes) process.env[WIDGET_LIMITS_ENV] = JSON.stringify(changes);
  const hub = await startHub(options);
  delete process.env[WIDGET_LIMITS_ENV];
  hubs.push(hub);
  return hub;
}

interface Attempt {
  queue: FrameQueue | null;
  /** An HTTP refusal of the upgrade. */
  refused: { status: number; body: Loose } | null;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a widget socket from a loopback address; resolves once it is open or refused. */
function connect(hub: Hub, from: string): Promise<Attempt> {
  const socket = new WebSocket(`${hub.url.replace(/^http/, 'ws')}${WIDGET_SOCKET_PATH}`, { localAddress: from });
  sockets.push(socket);
  const queue = new FrameQueue(socket);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ queue, refused: null, closed }));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ queue: null, refused: { status: response.statusCode ?? 0, body: JSON.parse(text) }, closed }),
      );
    });
  });
}

/** hello, then the welcome or the refusal (a slow_down frame), whichever comes. */
async function greet(queue: FrameQueue, hello: Record<string, unknown> = {}): Promise<Loose> {
  queue.socket.send(JSON.stringify({ type: 'hello', ...hello }));
  return queue.next((f) => f.type === 'welcome' || f.type === 'slow_down');
}

function visitorCount(hub: Hub): number {
  const db = openHubDatabase(hub.dataDir);
  try {
    return (db.prepare('SELECT count(*) AS n FROM visitors').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every web-chat message and thread the agents' queue holds (the sync change log). */
async function queueOf(hub: Hub): Promise<{ messages: Loose[]; threads: Loose[] }> {
  const token = await login(hub.url);
  const pull = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  const changes = pull.body.changes as Loose[];
  return {
    messages: changes.filter((c) => c.entity === 'message').map((c) => c.data),
    threads: changes.filter((c) => c.entity === 'thread' && c.data.channel === 'webchat').map((c) => c.data),
  };
}

function upload(
  hub: Hub,
  from: string,
  token: string,
  data: Buffer,
): Promise<{ status: number; body: Loose; headers: http.IncomingHttpHeaders }> {
  const url = new URL(WIDGET_UPLOAD_PATH, hub.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/plain',
          'content-length': String(data.length),
          'x-okno-file-name': 'notes.txt',
          'x-okno-client-id': crypto.randomUUID(),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text), headers: response.headers }),
        );
      },
    );
    // A refusal may come before the body is read: the hub then closes the connection, which is fine.
    request.on('error', reject);
    request.end(data);
  });
}

const SLOW_DOWN = /^slow down: too many .+ \(at most .+\); try again in \d+ (s|min|h)$/;

describe('widget limits against the floods of the issue', () => {
  it('30 sockets × 10 messages from one address: most refused by name, the queue gets what the limits allow, nothing confirmed is lost', async () => {
    const hub = await hubWith();
    const from = '127.0.0.2';
    const attempts = await Promise.all(Array.from({ length: 30 }, () => connect(hub, from)));
    const open = attempts.filter((a) => a.queue !== null);
    expect(open).toHaveLength(30); // 30 upgrades fit the address's 60 a minute

    // Each says hello. Past 20 open at once per address a socket is refused as it opens and closed
    // "try again later"; of the 20 hellos, 10 make new visitors at once (then 2 a minute).
    const answers = await Promise.all(open.map((a) => greet(a.queue!)));
    const tooMany = answers.filter((f) => f.type === 'slow_down' && f.limit === 'sockets');
    expect(tooMany).toHaveLength(10);
    for (const refusal of tooMany) {
      expect(refusal).toMatchObject({ scope: 'address', max: 20, retryAfterMs: 30_000 });
      expect(refusal.message).toMatch(SLOW_DOWN);
    }
    const newVisitors = answers.filter((f) => f.type === 'slow_down' && f.limit === 'new_visitors');
    expect(newVisitors).toHaveLength(10);
    for (const refusal of newVisitors) {
      expect(refusal).toMatchObject({ scope: 'address', max: 10 });
      expect(refusal.message).toMatch(SLOW_DOWN);
    }
    const closes = await Promise.all(open.filter((_a, i) => answers[i].type === 'slow_down').map((a) => a.closed));
    expect(closes.filter((c) => c.code === 1013)).toHaveLength(20);
    expect(new Set(closes.map((c) => c.reason))).toEqual(new Set(['slow down: sockets', 'slow down: new_visitors']));
    const welcomed = open.filter((_a, i) => answers[i].type === 'welcome');
    expect(welcomed).toHaveLength(10);
    expect(visitorCount(hub)).toBe(10);

    // The 10 visitors flood 10 messages each at once.
    const floodStart = performance.now();
    const sent = welcomed.map((a, v) =>
      Array.from({ length: 10 }, (_x, m) => {
        const clientId = crypto.randomUUID();
        a.queue!.socket.send(JSON.stringify({ type: 'message', clientId, text: `flood ${v}.${m}` }));
        return { queue: a.queue!, clientId };
      }),
    );
    const outcomes = await Promise.all(
      sent.flat().map(({ queue, clientId }) => queue.next((f) => f.clientId === clientId)),
    );
    const confirmed = outcomes.filter((f) => f.type === 'message');
    const refused = outcomes.filter((f) => f.type === 'slow_down');
    expect(confirmed.length + refused.length).toBe(100);
    // 30 at once per address (and 6 per visitor), then 2 a second while the flood lasts.
    expect(confirmed.length).toBeGreaterThanOrEqual(30);
    expect(confirmed.length).toBeLessThanOrEqual(30 + Math.ceil(((performance.now() - floodStart) / 1000) * 2));
    for (const refusal of refused) {
      expect(refusal.limit).toBe('messages');
      expect(['visitor', 'address']).toContain(refusal.scope);
      expect(refusal.retryAfterMs).toBeGreaterThan(0);
      expect(refusal.message).toMatch(SLOW_DOWN);
    }

    // The queue holds exactly what was confirmed: every confirmed message, nothing refused.
    const queue = await queueOf(hub);
    const stored = new Set(queue.messages.filter((m) => m.direction === 'in').map((m) => m.id));
    expect(stored).toEqual(new Set(confirmed.map((f) => f.clientId)));
    expect(queue.threads.length).toBeLessThanOrEqual(10);

    // A refused message sent again after the wait it was given is taken, once.
    const again = refused.find((f) => f.scope === 'visitor') ?? refused[0];
    const owner = sent.flat().find((s) => s.clientId === again.clientId)!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(...refused.map((f) => f.retryAfterMs)) + 50));
    owner.queue.socket.send(JSON.stringify({ type: 'message', clientId: again.clientId, text: 'sent again' }));
    expect(await owner.queue.next((f) => f.clientId === again.clientId)).toMatchObject({ type: 'message' });
    // A confirmed message sent again (its confirmation lost) is confirmed again, never refused, even when over the limit.
    for (let i = 0; i < 8; i++) {
      owner.queue.socket.send(JSON.stringify({ type: 'message', clientId: again.clientId, text: 'sent again' }));
    }
    const repeats = await Promise.all(
      Array.from({ length: 8 }, () => owner.queue.next((f) => f.clientId === again.clientId)),
    );
    expect(repeats.every((f) => f.type === 'message')).toBe(true);
  });

  it('a socket that ignores its refusals is closed 1008 after 50 in a row, told to wait a minute', async () => {
    const hub = await hubWith();
    const attempt = await connect(hub, '127.0.0.6');
    await greet(attempt.queue!);
    for (let i = 0; i < 200; i++) {
      attempt.queue!.socket.send(JSON.stringify({ type: 'message', clientId: crypto.randomUUID(), text: `spam ${i}` }));
    }
    expect(await attempt.closed).toEqual({ code: 1008, reason: 'slow down: 50 refusals in a row' });
    const frames = attempt.queue!.frames;
    expect(frames.filter((f) => f.type === 'message')).toHaveLength(6);
    const refusals = frames.filter((f) => f.type === 'slow_down');
    expect(refusals.filter((f) => f.clientId)).toHaveLength(50);
    expect(refusals.at(-1)).toMatchObject({ limit: 'messages', scope: 'visitor', retryAfterMs: 60_000 });
  });

  it('100 hellos from one address: refused past the limit by name, and no visitor row for a refused one', async () => {
    const hub = await hubWith();
    const from = '127.0.0.3';
    const outcomes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const attempt = await connect(hub, from);
      if (attempt.refused) {
        // Past 60 sockets a minute, the upgrade itself is refused: 429 naming the limit.
        expect(attempt.refused.status).toBe(429);
        expect(attempt.refused.body.error).toMatchObject({
          code: 'rate_limited',
          params: { limit: 'sockets', scope: 'address', max: 60 },
        });
        expect(attempt.refused.body.error.message).toMatch(SLOW_DOWN);
        outcomes.push('429 sockets');
        continue;
      }
      const answer = await greet(attempt.queue!);
      if (answer.type === 'slow_down') {
        expect(answer.message).toMatch(SLOW_DOWN);
        expect((await attempt.closed).code).toBe(1013);
      }
      outcomes.push(answer.type === 'welcome' ? 'welcome' : `slow_down ${answer.limit}`);
      attempt.queue!.socket.close();
      await attempt.closed;
    }
    const count = (what: string) => outcomes.filter((o) => o === what).length;
    expect(count('welcome')).toBeGreaterThanOrEqual(10);
    expect(count('welcome')).toBeLessThanOrEqual(11); // 2 a minute refill while the loop runs
    expect(count('429 sockets')).toBe(40);
    expect(count('slow_down hellos') + count('slow_down new_visitors')).toBe(60 - count('welcome'));
    expect(count('welcome') + count('429 sockets') + count('slow_down hellos') + count('slow_down new_visitors')).toBe(
      100,
    );
    expect(visitorCount(hub)).toBe(count('welcome'));
  });

  it('files past the daily quota of bytes are refused naming the quota, before their bytes are read', async () => {
    const hub = await hubWith();
    const from = '127.0.0.4';
    const attempt = await connect(hub, from);
    const welcome = await greet(attempt.queue!);
    const file = Buffer.alloc(WIDGET_FILE_MAX_BYTES, 'a');
    // The visitor: 4 × 5 MiB in a second. The day's quota (10 MiB) takes two.
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await upload(hub, from, welcome.visitorToken, file));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 429, 429]);
    for (const refused of replies.slice(2)) {
      expect(refused.body.error).toMatchObject({
        code: 'rate_limited',
        params: { limit: 'upload_bytes', scope: 'visitor', max: DEFAULT_WIDGET_LIMITS.uploadBytes.perVisitorPerDay },
      });
      expect(refused.body.error.message).toMatch(
        /^slow down: too many bytes of files from this visitor \(at most 10 MiB a day \(UTC\)\)/,
      );
      expect(refused.body.error.params.retryAfterMs).toBeLessThanOrEqual(86_400_000);
      expect(refused.headers['access-control-allow-origin']).toBe('*');
    }
    const queue = await queueOf(hub);
    expect(queue.messages.filter((m) => m.text.startsWith('📎 notes.txt'))).toHaveLength(2);
    // A small file still does not fit: the quota is of bytes, not of files.
    expect((await upload(hub, from, welcome.visitorToken, Buffer.from('hi'))).status).toBe(429);
  });

  it('many addresses at once meet the hub-wide limits, named as such', async () => {
    const hub = await hubWith({
      newVisitors: { global: { burst: 8, perMinute: 1 } },
      messages: { global: { burst: 12, perMinute: 1 } },
    });
    const addresses = Array.from({ length: 10 }, (_x, i) => `127.0.0.${20 + i}`);
    const attempts = await Promise.all(addresses.map((from) => connect(hub, from)));
    const greetings = await Promise.all(attempts.map((a) => greet(a.queue!)));
    const welcomed = attempts.filter((_a, i) => greetings[i].type === 'welcome');
    expect(welcomed).toHaveLength(8);
    expect(greetings.filter((f) => f.type === 'slow_down')).toEqual([
      expect.objectContaining({ limit: 'new_visitors', scope: 'global', max: 8 }),
      expect.objectContaining({ limit: 'new_visitors', scope: 'global', max: 8 }),
    ]);
    const sent = welcomed.flatMap((a) =>
      Array.from({ length: 3 }, () => {
        const clientId = crypto.randomUUID();
        a.queue!.socket.send(JSON.stringify({ type: 'message', clientId, text: 'hello' }));
        return a.queue!.next((f) => f.clientId === clientId);
      }),
    );
    const outcomes = await Promise.all(sent);
    expect(outcomes.filter((f) => f.type === 'message')).toHaveLength(12);
    const refused = outcomes.filter((f) => f.type === 'slow_down');
    expect(refused).toHaveLength(12);
    for (const refusal of refused) {
      expect(refusal).toMatchObject({ limit: 'messages', scope: 'global', max: 12 });
      expect(refusal.message).toContain('from all visitors together');
    }
  });
});

describe('expired visitors', () => {
  it('are removed by the periodic job (injected clock): silent ones after a day, idle ones after 30 days without an open chat', async () => {
    let now = Date.UTC(2026, 11, 1, 9);
    const hub = await hubWith({ visitors: { sweepEveryMs: 50 } }, { now: () => now });
    const admin = await login(hub.url);
    const from = '127.0.0.5';
    const visitor = async () => {
      const attempt = await connect(hub, from);
      const welcome = await greet(attempt.queue!);
      return { queue: attempt.queue!, token: welcome.visitorToken as string };
    };
    const says = async (queue: FrameQueue, text: string) => {
      const clientId = crypto.randomUUID();
      queue.socket.send(JSON.stringify({ type: 'message', clientId, text }));
      return queue.next((f) => f.clientId === clientId && f.type === 'message');
    };
    const silent = await visitor();
    const waiting = await visitor(); // writes; the chat stays open
    await says(waiting.queue, 'still waiting');
    const done = await visitor(); // writes; an agent closes the chat
    await says(done.queue, 'thanks, solved');
    const staying = await visitor(); // never writes, but keeps the widget open
    const { threads } = await queueOf(hub);
    const closed = threads.find((t) => t.lastMessagePreview === 'thanks, solved');
    expect((await api(hub.url, `/api/v1/threads/${closed.id}/close`, { token: admin, json: {} })).status).toBe(200);
    for (const v of [silent, waiting, done]) v.queue.socket.close();
    expect(visitorCount(hub)).toBe(4);

    /** Waits until the sweep has run at the current clock (it runs every 50 ms). */
    const settle = async (expected: number) => {
      const deadline = Date.now() + 5000;
      while (visitorCount(hub) !== expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      return visitorCount(hub);
    };
    const known = async (token: string) => {
      const attempt = await connect(hub, from);
      const welcome = await greet(attempt.queue!, { visitorToken: token });
      attempt.queue!.socket.close();
      return welcome.visitorToken === token;
    };

    now += 25 * 3_600_000; // a day and an hour later: the silent visitor goes; the one with a widget open stays
    expect(await settle(3)).toBe(3);
    expect(await known(silent.token)).toBe(false);
    expect(await known(staying.token)).toBe(true);
    expect(await known(done.token)).toBe(true);
    staying.queue.socket.close();

    // A month on: the closed chat's visitor goes, and every silent one; the open chat's stays.
    now += 30 * 86_400_000;
    expect(await settle(1)).toBe(1);
    expect(await known(done.token)).toBe(false);
    expect(await known(waiting.token)).toBe(true);
    expect(await known(staying.token)).toBe(false);
    // The customers and their conversations stay for the agents.
    expect((await queueOf(hub)).messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(['still waiting', 'thanks, solved']),
    );
  });
});

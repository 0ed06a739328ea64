/** The sync client's parts one by one, against scripted hub answers and real loopback sockets. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { createBackoff } from '../../src/main/core/sync/backoff.js';
import type { HubClient } from '../../src/main/core/sync/hubClient.js';
import { createLiveSocket } from '../../src/main/core/sync/liveSocket.js';
import { createPuller } from '../../src/main/core/sync/puller.js';
import { createPusher } from '../../src/main/core/sync/pusher.js';
import { createConnectionTracker } from '../../src/main/core/sync/connectionTracker.js';
import { createSyncSession } from '../../src/main/core/sync/syncSession.js';
import { OknoError } from '../../src/shared/errors.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import type { Thread } from '../../src/shared/domain.js';
import type { Change, LiveFrame, Mutation, PullResponse, PushResponse } from '../../src/shared/sync.js';
import { message, T0, tempDir, thread } from './core-fixtures.js';

const log = createLogger('test');
const SESSION = { hubUrl: 'http://127.0.0.1:1', token: 't'.repeat(40) };

let store: LocalStore;
let remove: () => void;
beforeEach(() => {
  const t = tempDir();
  remove = t.remove;
  store = openLocalStore(t.dir);
});
afterEach(() => {
  store.close();
  remove();
});

function until(what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (probe()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** A HubClient whose pull and push answers the test scripts. */
function scriptedClient(script: {
  pull?: (after: number, continued: boolean) => PullResponse;
  push?: (mutations: Mutation[]) => PushResponse | Promise<PushResponse>;
}): HubClient & { pulls: number[]; continued: boolean[]; pushes: Mutation[][] } {
  const pulls: number[] = [];
  const continued: boolean[] = [];
  const pushes: Mutation[][] = [];
  return {
    pulls,
    continued,
    pushes,
    login: () => Promise.reject(new Error('not scripted')),
    pull: async (_session, after, _limit, isContinued = false) => {
      pulls.push(after);
      continued.push(isContinued);
      if (!script.pull) throw new Error('pull not scripted');
      return script.pull(after, isContinued);
    },
    push: async (_session, mutations) => {
      pushes.push(mutations);
      if (!script.push) throw new Error('push not scripted');
      return script.push(mutations);
    },
  };
}

describe('back-off', () => {
  it('doubles with jitter, stays within bounds and resets', () => {
    const low = createBackoff({ baseMs: 500, maxMs: 30_000, random: () => 0 });
    const high = createBackoff({ baseMs: 500, maxMs: 30_000, random: () => 1 });
    const lows = Array.from({ length: 10 }, () => low.next());
    const highs = Array.from({ length: 10 }, () => high.next());
    expect(highs.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    expect(lows.slice(0, 4)).toEqual([250, 500, 1000, 2000]);
    expect(Math.max(...highs)).toBe(30_000);
    expect(Math.min(...lows.slice(7))).toBe(15_000);
    high.reset();
    expect(high.next()).toBe(500);
  });
});

/** A thread on page 0, its message on page 1 (the last). */
function twoPages(t: Thread): Record<number, PullResponse> {
  return {
    0: { hubId: 'hub-a', changes: [{ seq: 1, entity: 'thread', data: t }], cursor: 1, hasMore: true, remaining: 1 },
    1: {
      hubId: 'hub-a',
      changes: [{ seq: 2, entity: 'message', data: message(t.id) }],
      cursor: 2,
      hasMore: false,
      remaining: 0,
    },
  };
}

describe('puller', () => {
  it('pulls page after page until the hub has no more', async () => {
    const t = thread();
    const pages = twoPages(t);
    const client = scriptedClient({ pull: (after) => pages[after]! });
    const applied: string[][] = [];
    await createPuller({
      store,
      client,
      session: SESSION,
      onApplied: (a) => applied.push(a.queueThreadIds),
      onReset: () => undefined,
      log,
    }).pull();
    expect(client.pulls).toEqual([0, 1]);
    expect(store.meta.cursor()).toBe(2);
    expect(store.meta.hubId()).toBe('hub-a');
    expect(applied).toEqual([[t.id], []]);
  });

  it('asks for the next page before applying the one it has, so the hub works meanwhile', async () => {
    const t = thread();
    const pages = twoPages(t);
    const client = scriptedClient({ pull: (after) => pages[after]! });
    const pullsWhenApplied: number[] = [];
    await createPuller({
      store,
      client,
      session: SESSION,
      onApplied: () => pullsWhenApplied.push(client.pulls.length),
      onReset: () => undefined,
      log,
    }).pull();
    // Page 1 was asked for before page 0 was applied; nothing is asked after the last page.
    expect(pullsWhenApplied).toEqual([2, 2]);
    expect(client.pulls).toEqual([0, 1]);
    expect(store.meta.cursor()).toBe(2);
  });

  it('reports progress through a multi-page pull from a hub that counts every page (an older hub), and none for a pull of one page', async () => {
    const t = thread();
    const pages: Record<number, PullResponse> = {
      0: { hubId: 'hub-a', changes: [{ seq: 1, entity: 'thread', data: t }], cursor: 1, hasMore: true, remaining: 2 },
      1: {
        hubId: 'hub-a',
        changes: [{ seq: 2, entity: 'message', data: message(t.id) }],
        cursor: 2,
        hasMore: true,
        remaining: 1,
      },
      2: {
        hubId: 'hub-a',
        changes: [{ seq: 3, entity: 'message', data: message(t.id) }],
        cursor: 3,
        hasMore: false,
        remaining: 0,
      },
      3: { hubId: 'hub-a', changes: [], cursor: 3, hasMore: false, remaining: 0 },
    };
    const progress: [number, number][] = [];
    const puller = createPuller({
      store,
      client: scriptedClient({ pull: (after) => pages[after]! }),
      session: SESSION,
      onApplied: () => undefined,
      onReset: () => undefined,
      onProgress: (applied, remaining) => progress.push([applied, remaining]),
      log,
    });
    await puller.pull();
    expect(progress).toEqual([
      [1, 2],
      [2, 1],
      [3, 0],
    ]);
    progress.length = 0;
    await puller.pull();
    expect(progress).toEqual([]);
  });

  it('asks the hub to count what remains on the first page only and carries the count on, at least 1 while there is more', async () => {
    const t = thread();
    const change = (seq: number): Change => ({ seq, entity: 'message', data: message(t.id) });
    // As the hub answers: `remaining` only on a page that is not `continued`; `scanned` rows gone through.
    const pages: Record<number, { cursor: number; scanned: number; hasMore: boolean; count: number }> = {
      0: { cursor: 3, scanned: 3, hasMore: true, count: 8 },
      3: { cursor: 7, scanned: 4, hasMore: true, count: 7 },
      // Rows written during the pull: more scanned than were counted, and still more to come.
      7: { cursor: 13, scanned: 6, hasMore: true, count: 1 },
      13: { cursor: 14, scanned: 1, hasMore: false, count: 0 },
      14: { cursor: 14, scanned: 0, hasMore: false, count: 0 },
    };
    const client = scriptedClient({
      pull: (after, continued) => {
        const page = pages[after]!;
        return {
          hubId: 'hub-a',
          changes: [change(page.cursor)],
          cursor: page.cursor,
          hasMore: page.hasMore,
          scanned: page.scanned,
          ...(continued ? {} : { remaining: page.count }),
        };
      },
    });
    store.applyChanges([{ seq: 1, entity: 'thread', data: t }]);
    const progress: [number, number][] = [];
    const puller = createPuller({
      store,
      client,
      session: SESSION,
      onApplied: () => undefined,
      onReset: () => undefined,
      onProgress: (applied, remaining) => progress.push([applied, remaining]),
      log,
    });
    await puller.pull();
    expect(client.pulls).toEqual([0, 3, 7, 13]);
    expect(client.continued).toEqual([false, true, true, true]);
    expect(progress).toEqual([
      [3, 8],
      [7, 4],
      [13, 1],
      [14, 0],
    ]);
    // The next pull is a new one: its first page is counted again.
    await puller.pull();
    expect(client.continued.at(-1)).toBe(false);
  });

  it('rebuilds the replica from zero when the hub database changed, keeping the outbox', async () => {
    const old = thread();
    store.applyChanges([{ seq: 40, entity: 'thread', data: old }], { cursor: 40 });
    store.meta.set('hub_id', 'hub-old');
    store.outbox.add({ id: uuidv7(), kind: 'agent.setStatus', status: 'ready', createdAt: T0 }, T0);
    const fresh = thread();
    const client = scriptedClient({
      pull: (after) =>
        after === 0
          ? {
              hubId: 'hub-new',
              changes: [{ seq: 3, entity: 'thread', data: fresh }],
              cursor: 3,
              hasMore: false,
              remaining: 0,
            }
          : { hubId: 'hub-new', changes: [], cursor: 9, hasMore: false, remaining: 0 },
    });
    let resets = 0;
    await createPuller({
      store,
      client,
      session: SESSION,
      onApplied: () => undefined,
      onReset: () => resets++,
      log,
    }).pull();
    expect(client.pulls).toEqual([40, 0]);
    // The rebuild starts a new pull, whose first page the hub counts.
    expect(client.continued).toEqual([false, false]);
    expect(resets).toBe(1);
    expect(store.threads.get(old.id)).toBeNull();
    expect(store.threads.get(fresh.id)).not.toBeNull();
    expect(store.meta.hubId()).toBe('hub-new');
    expect(store.meta.cursor()).toBe(3);
    expect(store.outbox.countPending()).toBe(1);
  });

  it('stops when a hub says "more" without moving the cursor', async () => {
    const client = scriptedClient({
      pull: () => ({ hubId: 'h', changes: [], cursor: 0, hasMore: true, remaining: 5 }),
    });
    await expect(
      createPuller({
        store,
        client,
        session: SESSION,
        onApplied: () => undefined,
        onReset: () => undefined,
        log,
      }).pull(),
    ).rejects.toThrow(/did not advance/);
  });
});

describe('pusher', () => {
  function queueSend(threadId: string, text: string): { messageId: string; mutationId: string } {
    const m = message(threadId, { direction: 'out', status: 'pending', text });
    const mutation: Mutation = { id: uuidv7(), kind: 'message.send', threadId, messageId: m.id, text, createdAt: T0 };
    store.transaction(() => {
      store.messages.insertLocal(m);
      store.outbox.add(mutation, T0);
    });
    return { messageId: m.id, mutationId: mutation.id };
  }

  function pusherWith(client: HubClient, hooks: { unauthorized?: () => void } = {}) {
    return createPusher({
      store,
      client,
      session: SESSION,
      backoff: createBackoff({ baseMs: 20, maxMs: 40 }),
      now: () => T0,
      onApplied: () => undefined,
      onOutboxChanged: () => undefined,
      onUnauthorized: () => hooks.unauthorized?.(),
      onRetry: () => undefined,
      log,
    });
  }

  it('sends in order, applies the answers and empties the outbox', async () => {
    const t = thread();
    const a = queueSend(t.id, 'первое');
    const b = queueSend(t.id, 'второе');
    const client = scriptedClient({
      push: (mutations) => ({
        hubId: 'h',
        results: mutations.map((m, i) => ({
          id: m.id,
          outcome: i === 0 ? 'applied' : 'duplicate',
          changes:
            m.kind === 'message.send'
              ? [
                  {
                    seq: 10 + i,
                    entity: 'message',
                    data: message(t.id, { id: m.messageId, direction: 'out', status: 'sent', text: m.text }),
                  },
                ]
              : [],
        })),
      }),
    });
    const pusher = pusherWith(client);
    pusher.kick();
    await pusher.idle();
    expect(client.pushes.map((batch) => batch.map((m) => m.id))).toEqual([[a.mutationId, b.mutationId]]);
    expect(store.outbox.countPending()).toBe(0);
    expect(store.messages.get(a.messageId)?.status).toBe('sent');
    expect(store.messages.get(b.messageId)?.status).toBe('sent');
  });

  it('keeps a rejected mutation as failed with the reason and marks its message failed', async () => {
    const t = thread();
    const a = queueSend(t.id, 'в закрытый тред');
    const client = scriptedClient({
      push: (mutations) => ({
        hubId: 'h',
        results: mutations.map((m) => ({
          id: m.id,
          outcome: 'rejected' as const,
          error: { code: 'not_found', message: 'no such thread' },
          changes: [],
        })),
      }),
    });
    const pusher = pusherWith(client);
    pusher.kick();
    await pusher.idle();
    expect(store.messages.get(a.messageId)?.status).toBe('failed');
    expect(store.outbox.get(a.mutationId)).toMatchObject({ state: 'failed', lastError: 'not_found: no such thread' });
    expect(store.outbox.countPending()).toBe(0);
  });

  it('keeps everything and retries with back-off while the hub is away', async () => {
    const t = thread();
    const a = queueSend(t.id, 'повтори');
    let calls = 0;
    const client = scriptedClient({
      push: (mutations) => {
        calls += 1;
        if (calls < 3)
          throw new OknoError('hub_unreachable', 'the hub at http://127.0.0.1:1 is not reachable (ECONNREFUSED)');
        return { hubId: 'h', results: mutations.map((m) => ({ id: m.id, outcome: 'applied' as const, changes: [] })) };
      },
    });
    const pusher = pusherWith(client);
    pusher.kick();
    await until('the outbox to empty', () => store.outbox.countPending() === 0);
    expect(calls).toBe(3);
    expect(store.outbox.get(a.mutationId)).toBeNull();
    pusher.stop();
  });

  it('records attempts and the error on rows that could not be sent', async () => {
    const t = thread();
    const a = queueSend(t.id, 'никак');
    const client = scriptedClient({
      push: () => {
        throw new OknoError('hub_error', 'push failed with HTTP 503');
      },
    });
    const pusher = pusherWith(client);
    pusher.kick();
    await until('an attempt', () => (store.outbox.get(a.mutationId)?.attempts ?? 0) >= 1);
    pusher.stop();
    expect(store.outbox.get(a.mutationId)).toMatchObject({ state: 'pending', lastError: 'push failed with HTTP 503' });
    expect(store.messages.get(a.messageId)?.status).toBe('pending');
  });

  it('never fails a mutation for an error that is not the hub refusing it', async () => {
    const a = queueSend(thread().id, 'сбой не у хаба');
    const client = scriptedClient({
      push: () => {
        throw new TypeError('something local broke');
      },
    });
    const pusher = pusherWith(client);
    pusher.kick();
    await pusher.idle();
    pusher.stop();
    expect(store.outbox.get(a.mutationId)?.state).toBe('pending');
    expect(store.messages.get(a.messageId)?.status).toBe('pending');
  });

  it('finds the one mutation a hub refuses in a batch, failing only that one', async () => {
    const t = thread();
    const good = queueSend(t.id, 'хорошее');
    const bad = queueSend(t.id, 'плохое');
    const client = scriptedClient({
      push: (mutations) => {
        if (mutations.some((m) => m.id === bad.mutationId))
          throw new OknoError('bad_request', 'mutations.0.text: nope');
        return { hubId: 'h', results: mutations.map((m) => ({ id: m.id, outcome: 'applied' as const, changes: [] })) };
      },
    });
    const pusher = pusherWith(client);
    pusher.kick();
    await pusher.idle();
    expect(store.outbox.get(good.mutationId)).toBeNull();
    expect(store.outbox.get(bad.mutationId)?.state).toBe('failed');
    expect(store.messages.get(bad.messageId)?.status).toBe('failed');
  });

  it('reports a refused token instead of retrying', async () => {
    queueSend(thread().id, 'кто я');
    let unauthorized = 0;
    const client = scriptedClient({
      push: () => {
        throw new OknoError('unauthorized', 'sign in again');
      },
    });
    const pusher = pusherWith(client, { unauthorized: () => unauthorized++ });
    pusher.kick();
    await pusher.idle();
    expect(unauthorized).toBe(1);
    expect(client.pushes).toHaveLength(1);
    expect(store.outbox.countPending()).toBe(1);
  });
});

describe('live socket', () => {
  let server: Server;
  let wss: WebSocketServer;
  let url: string;
  let connections: number;
  let refuseWith: number | null;
  let onConnection: (send: (frame: LiveFrame) => void) => void;

  beforeEach(async () => {
    connections = 0;
    refuseWith = null;
    onConnection = (send) => send({ type: 'hello', hubId: 'h', seq: 0 });
    server = createServer();
    wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      connections += 1;
      // A client that gives up mid-refusal resets the connection; this stand-in hub ignores that, as ws does.
      socket.on('error', () => undefined);
      if (refuseWith !== null) {
        socket.end(`HTTP/1.1 ${refuseWith} No\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      expect(request.headers.authorization).toBe(`Bearer ${SESSION.token}`);
      wss.handleUpgrade(request, socket, head, (ws) => onConnection((frame) => ws.send(JSON.stringify(frame))));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/live`;
  });
  afterEach(async () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('drops a socket that stays silent past 2.5 heartbeats and reconnects', async () => {
    const downs: string[] = [];
    const live = createLiveSocket({
      url,
      token: SESSION.token,
      backoff: createBackoff({ baseMs: 10, maxMs: 20 }),
      heartbeatMs: 40,
      onFrame: () => undefined,
      onDown: (reason) => downs.push(reason),
      onUnauthorized: () => undefined,
      log,
    });
    live.start();
    await until('a reconnect after silence', () => connections >= 2);
    live.stop();
    expect(downs.length).toBeGreaterThanOrEqual(1);
  });

  it('stays connected while the hub keeps talking', async () => {
    onConnection = (send) => {
      send({ type: 'hello', hubId: 'h', seq: 0 });
      const timer = setInterval(() => send({ type: 'hello', hubId: 'h', seq: 0 }), 30);
      setTimeout(() => clearInterval(timer), 400);
    };
    const live = createLiveSocket({
      url,
      token: SESSION.token,
      backoff: createBackoff({ baseMs: 10, maxMs: 20 }),
      heartbeatMs: 40,
      onFrame: () => undefined,
      onDown: () => undefined,
      onUnauthorized: () => undefined,
      log,
    });
    live.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(connections).toBe(1);
    live.stop();
  });

  it('gives up on a 401 and says so, and retries anything else', async () => {
    refuseWith = 401;
    let unauthorized = 0;
    const live = createLiveSocket({
      url,
      token: SESSION.token,
      backoff: createBackoff({ baseMs: 10, maxMs: 20 }),
      onFrame: () => undefined,
      onDown: () => undefined,
      onUnauthorized: () => unauthorized++,
      log,
    });
    live.start();
    await until('the 401', () => unauthorized === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(connections).toBe(1);
    live.stop();

    refuseWith = 503;
    const downs: string[] = [];
    const retrying = createLiveSocket({
      url,
      token: SESSION.token,
      backoff: createBackoff({ baseMs: 10, maxMs: 20 }),
      onFrame: () => undefined,
      onDown: (reason) => downs.push(reason),
      onUnauthorized: () => unauthorized++,
      log,
    });
    retrying.start();
    await until('retries', () => connections >= 4);
    retrying.stop();
    expect(downs[0]).toContain('HTTP 503');
    expect(unauthorized).toBe(1);
  });

  it('applies a chained frame, and pulls instead when a frame was missed', async () => {
    const t = thread();
    let sendFrame: (frame: LiveFrame) => void = () => undefined;
    onConnection = (send) => {
      sendFrame = send;
      send({ type: 'hello', hubId: 'h', seq: 0 });
    };
    const client = scriptedClient({
      pull: (after) => ({
        hubId: 'h',
        changes: [{ seq: 7, entity: 'message', data: message(t.id, { text: 'пропущено' }) }],
        cursor: Math.max(after, 7),
        hasMore: false,
        remaining: 0,
      }),
      push: () => ({ hubId: 'h', results: [] }),
    });
    const connection = createConnectionTracker({ now: () => T0, pending: () => 0, onChange: () => undefined });
    const session = createSyncSession({
      store,
      client,
      hubUrl: url.replace('ws://', 'http://').replace('/live', ''),
      token: SESSION.token,
      connection,
      publish: () => undefined,
      onReset: () => undefined,
      onUnauthorized: () => undefined,
      now: () => T0,
      log,
    });
    session.start();
    await until('online', () => connection.get().status === 'online');
    expect(client.pulls).toEqual([0]); // first sight of this hub id: pull
    const pullsBefore = client.pulls.length;
    sendFrame({ type: 'changes', prevSeq: 7, changes: [{ seq: 8, entity: 'thread', data: t }] });
    await until('the chained frame', () => store.threads.get(t.id) !== null);
    expect(store.meta.cursor()).toBe(8);
    expect(client.pulls.length).toBe(pullsBefore);
    sendFrame({
      type: 'changes',
      prevSeq: 12,
      changes: [{ seq: 13, entity: 'thread', data: { ...t, subject: 'later' } }],
    });
    await until('a pull for the gap', () => client.pulls.length === pullsBefore + 1);
    expect(client.pulls.at(-1)).toBe(8);
    await session.stop();
  });
});

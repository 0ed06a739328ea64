/**
 * Bad input at the core's edges: a full disk under the cache, and a hub that answers garbage.
 * The disk is filled for real as far as SQLite can tell: `PRAGMA max_page_count` caps the real
 * file at its current size, so the next write that needs a page fails with SQLITE_FULL exactly as
 * on a full file system (no mount or root needed). The hub is a loopback HTTP server that answers
 * every sync call with broken bodies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/events/eventBus.js';
import { withDiskFullErrors } from '../../src/main/core/handlers/contractHandlers.js';
import { createOutgoing } from '../../src/main/core/mutations/outgoing.js';
import type { SessionService } from '../../src/main/core/session/sessionService.js';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { createBackoff } from '../../src/main/core/sync/backoff.js';
import { createConnectionTracker } from '../../src/main/core/sync/connectionTracker.js';
import { createHubClient } from '../../src/main/core/sync/hubClient.js';
import { createPuller } from '../../src/main/core/sync/puller.js';
import { createPusher } from '../../src/main/core/sync/pusher.js';
import type { ContractHandlers } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import type { Agent } from '../../src/shared/domain.js';
import { OknoError } from '../../src/shared/errors.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import { queryTermGroups } from '../../src/shared/text/searchTerms.js';
import { changeLog, message, T0, tempDir, thread } from './core-fixtures.js';

const log = createLogger('test');
const agent: Agent = { id: uuidv7(), login: 'anna', name: 'Анна', role: 'agent', status: 'ready', updatedAt: T0 };

let store: LocalStore;
let remove: () => void;
beforeEach(() => {
  const t = tempDir();
  remove = t.remove;
  store = openLocalStore(t.dir);
  store.meta.setAgent(agent);
});
afterEach(() => {
  store.close();
  remove();
});

function outgoing() {
  const session = { requireAgent: () => agent, kickPush: () => undefined } as unknown as SessionService;
  const connection = createConnectionTracker({
    now: () => T0,
    pending: () => store.outbox.countPending(),
    onChange: () => undefined,
  });
  return createOutgoing({ store, session, connection, events: createEventBus(log), now: () => T0 + 1 });
}

/** Caps the real file at the pages it has now: the next write needing a page fails with SQLITE_FULL. */
function fillDisk(): void {
  store.db.exec('PRAGMA incremental_vacuum');
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages}`);
}

describe('a full disk', () => {
  it('refuses the new write with disk_full naming the file, keeps the outbox intact and the cache readable', async () => {
    const history = changeLog();
    const t = thread({ lastMessagePreview: 'Где мой заказ?' });
    store.applyChanges(
      [history.thread(t), history.message(message(t.id, { text: 'Где мой заказ? Посылка не пришла' }))],
      { cursor: history.seq },
    );
    const out = outgoing();
    const before = out.sendMessage(t.id, 'Ответ, написанный до того, как диск заполнился');
    const outboxBefore = store.outbox.pending(100);
    const handlers = withDiskFullErrors(
      {
        'message.send': async ({ threadId, text }: { threadId: string; text: string }) =>
          out.sendMessage(threadId, text),
      } as unknown as ContractHandlers,
      store.db.name,
    );

    fillDisk();
    const sent: string[] = [];
    let refusal: Awaited<ReturnType<typeof dispatch>> | null = null;
    for (let i = 0; i < 500 && !refusal; i++) {
      const result = await dispatch(handlers, 'message.send', {
        threadId: t.id,
        text: `${i} ${'долгий ответ '.repeat(300)}`,
      });
      if (result.ok) sent.push((result.output as { id: string }).id);
      else refusal = result;
    }

    expect(refusal).toMatchObject({ ok: false, error: { code: 'disk_full', params: { file: store.db.name } } });
    expect(refusal!.ok ? '' : refusal!.error.message).toContain(store.db.name);
    // Nothing half-written: every message that was accepted has its outbox row, the refused one has neither.
    const pending = store.outbox.pending(1000);
    expect(pending.slice(0, outboxBefore.length)).toEqual(outboxBefore);
    expect(pending.map((e) => e.mutation?.kind === 'message.send' && e.mutation.messageId)).toEqual([
      before.id,
      ...sent,
    ]);
    const shown = store.messages.page(t.id, undefined, 1000).messages;
    expect(shown.filter((m) => m.status === 'pending').map((m) => m.id)).toEqual([before.id, ...sent]);
    // Still readable: the queue, the thread and search.
    expect(store.threads.queuePage('open', 0, 10).map((q) => q.id)).toEqual([t.id]);
    expect(store.search.search(queryTermGroups('посылка'), 10)).toHaveLength(1);

    // A pull page that does not fit lands not at all: no half page, the cursor stays.
    const cursor = store.meta.cursor();
    const page = changeLog(history.seq);
    const big = Array.from({ length: 50 }, () => page.message(message(t.id, { text: 'новое '.repeat(500) })));
    expect(() => store.applyChanges(big, { cursor: page.seq })).toThrow(
      expect.objectContaining({ code: 'SQLITE_FULL' }),
    );
    expect(store.meta.cursor()).toBe(cursor);
    expect(store.messages.page(t.id, undefined, 1000).messages).toHaveLength(shown.length);

    // Space again: the next reply is accepted as usual.
    store.db.pragma('max_page_count = 1073741823');
    const after = await dispatch(handlers, 'message.send', { threadId: t.id, text: 'После очистки диска' });
    expect(after.ok).toBe(true);
    expect(store.outbox.countPending()).toBe(sent.length + 2);
  });
});

describe('a hub that answers garbage', () => {
  let server: Server;
  let hubUrl: string;
  let answer: () => { status: number; body: string };

  beforeEach(async () => {
    server = createServer((request, response) => {
      request.resume();
      const { status, body } = answer();
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const GARBAGE = [
    { status: 200, body: '<html>captive portal</html>' },
    { status: 200, body: '{"hubId": 42, "results": "yes"}' },
    { status: 200, body: '{"hubId":"h","changes":[{"seq":"one"}],"cursor":-5,"hasMore":false,"remaining":0}' },
    { status: 200, body: '' },
    { status: 502, body: 'Bad Gateway' },
  ];

  it('names what was wrong, never takes it as an answer, and keeps the outbox as it was', async () => {
    const t = thread();
    store.applyChanges([{ seq: 1, entity: 'thread', data: t }], { cursor: 1 });
    store.meta.set('hub_id', 'hub-a');
    const out = outgoing();
    const typed = [out.sendMessage(t.id, 'первый'), out.sendMessage(t.id, 'второй')];
    const outboxBefore = store.outbox.pending(10).map((e) => [e.id, e.mutation]);
    const client = createHubClient({ timeoutMs: 2000 });
    const session = { hubUrl, token: 't'.repeat(40) };

    for (const garbage of GARBAGE) {
      answer = () => garbage;
      const pull = createPuller({ store, client, session, onApplied: () => undefined, onReset: () => undefined, log });
      const error = await pull.pull().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, garbage.body).toBeInstanceOf(OknoError);
      expect((error as OknoError).code).toBe('hub_error');
      expect((error as OknoError).message).toMatch(new RegExp(`pull at ${hubUrl}.*(unexpected answer|HTTP 502)`));
      expect(store.meta.cursor()).toBe(1);
      expect(store.meta.hubId()).toBe('hub-a');

      const retries: OknoError[] = [];
      const pusher = createPusher({
        store,
        client,
        session,
        backoff: createBackoff({ baseMs: 60_000, random: () => 0 }),
        now: () => T0,
        onApplied: () => undefined,
        onOutboxChanged: () => undefined,
        onUnauthorized: () => undefined,
        onRetry: (e) => retries.push(e),
        log,
      });
      pusher.kick();
      await pusher.idle();
      pusher.stop();
      expect(retries[0]?.message, garbage.body).toMatch(/push at .*(unexpected answer|HTTP 502)/);
    }

    // Every row still pending, in order, unchanged; both messages still shown as pending.
    expect(store.outbox.pending(10).map((e) => [e.id, e.mutation])).toEqual(outboxBefore);
    expect(store.outbox.pending(10).every((e) => e.attempts === GARBAGE.length)).toBe(true);
    for (const m of typed) expect(store.messages.get(m.id)?.status).toBe('pending');
  });
});

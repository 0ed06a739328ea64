import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { compareByDeadline } from '../../src/shared/sla.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { changeLog, customer, message, T0, tempDir, thread } from './core-fixtures.js';

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

describe('applyChanges', () => {
  it('upserts a page, advances the cursor and names the touched threads', () => {
    const log = changeLog();
    const c = customer();
    const t = thread({ customerId: c.id });
    const m = message(t.id);
    const applied = store.applyChanges([log.customer(c), log.thread(t), log.message(m)], { cursor: log.seq });
    expect(applied.queueThreadIds).toEqual([t.id]);
    expect(applied.messageThreadIds).toEqual([t.id]);
    expect(store.meta.cursor()).toBe(3);
    expect(store.threads.get(t.id)).toEqual(t);
    expect(store.customers.get(c.id)).toMatchObject(c);
    expect(store.messages.get(m.id)).toEqual(m);
  });

  it('is idempotent: the same page twice leaves the same state and reports nothing new', () => {
    const log = changeLog();
    const t = thread();
    const page = [log.thread(t), log.message(message(t.id, { text: 'Карта заблокирована' }))];
    store.applyChanges(page, { cursor: 2 });
    const again = store.applyChanges(page, { cursor: 2 });
    expect(again).toEqual({ queueThreadIds: [], messageThreadIds: [], agent: null, customerIds: [] });
    expect(store.threads.count('open')).toBe(1);
    expect(store.messages.page(t.id, undefined, 10).messages).toHaveLength(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM message_search').get()).toEqual({ n: 1 });
  });

  it('never lets an older change overwrite a newer one', () => {
    const t = thread({ subject: 'new' });
    store.applyChanges([{ seq: 10, entity: 'thread', data: t }]);
    store.applyChanges([{ seq: 5, entity: 'thread', data: { ...t, subject: 'old' } }]);
    expect(store.threads.get(t.id)?.subject).toBe('new');
  });

  it("replaces a local pending message with the hub's sent one, and re-indexes edited text", () => {
    const t = thread();
    const m = message(t.id, { direction: 'out', status: 'pending', text: 'черновик' });
    store.messages.insertLocal(m);
    store.applyChanges([{ seq: 7, entity: 'message', data: { ...m, status: 'sent', text: 'готово' } }]);
    expect(store.messages.get(m.id)?.status).toBe('sent');
    expect(store.search.search([['готово']], 10).map((r) => r.id)).toEqual([m.id]);
    expect(store.search.search([['черновик']], 10)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
  });

  it('reports the threads of a customer whose name changed', () => {
    const c = customer();
    const t = thread({ customerId: c.id });
    store.applyChanges([
      { seq: 1, entity: 'customer', data: c },
      { seq: 2, entity: 'thread', data: t },
    ]);
    const applied = store.applyChanges([{ seq: 3, entity: 'customer', data: { ...c, name: 'Анна Иванова' } }]);
    expect(applied.queueThreadIds).toEqual([t.id]);
    expect(store.threads.queuePage('open', 0, 10)[0]?.customerName).toBe('Анна Иванова');
  });

  it('applies the whole page or nothing', () => {
    const t = thread();
    const bad = { seq: 2, entity: 'thread', data: { ...thread(), channel: null } } as never;
    expect(() => store.applyChanges([{ seq: 1, entity: 'thread', data: t }, bad], { cursor: 2 })).toThrow();
    expect(store.threads.get(t.id)).toBeNull();
    expect(store.meta.cursor()).toBe(0);
  });

  it('clears the replica but keeps the outbox', () => {
    const t = thread();
    store.applyChanges(
      [
        { seq: 1, entity: 'thread', data: t },
        { seq: 2, entity: 'message', data: message(t.id) },
      ],
      {
        cursor: 2,
      },
    );
    store.meta.set('hub_id', 'hub-a');
    store.outbox.add({ id: uuidv7(), kind: 'agent.setStatus', status: 'ready', createdAt: T0 }, T0);
    store.clearReplica();
    expect(store.threads.count('open')).toBe(0);
    expect(store.db.prepare('SELECT count(*) AS n FROM message_search').get()).toEqual({ n: 0 });
    expect(store.meta.cursor()).toBe(0);
    expect(store.meta.hubId()).toBeNull();
    expect(store.outbox.countPending()).toBe(1);
  });
});

describe('replica reset', () => {
  it('keeps the messages written here and not yet on the hub when asked, searchable', () => {
    const t = thread();
    const synced = message(t.id, { text: 'from the hub' });
    store.applyChanges(
      [
        { seq: 1, entity: 'thread', data: t },
        { seq: 2, entity: 'message', data: synced },
      ],
      { cursor: 2 },
    );
    const local = message(t.id, { text: 'typed offline about a parcel', status: 'pending' });
    store.messages.insertLocal(local);
    store.clearReplica({ keepLocal: true });
    expect(store.messages.get(synced.id)).toBeNull();
    expect(store.messages.get(local.id)).toEqual(local);
    expect(store.db.prepare('SELECT count(*) AS n FROM message_search').get()).toEqual({ n: 1 });
    store.clearReplica();
    expect(store.messages.get(local.id)).toBeNull();
  });
});

describe('queue and message reads', () => {
  it('orders the queue like compareByDeadline, with paging and a total', () => {
    const threads = [
      thread({ slaDueAt: T0 + 5000, lastMessageAt: T0 }),
      thread({ slaDueAt: null, lastMessageAt: T0 + 10 }),
      thread({ slaDueAt: T0 + 1000, lastMessageAt: T0 }),
      thread({ slaDueAt: null, lastMessageAt: T0 + 20 }),
      thread({ slaDueAt: T0 + 1000, lastMessageAt: T0 + 30 }),
      thread({ status: 'closed' }),
    ];
    store.applyChanges(threads.map((data, i) => ({ seq: i + 1, entity: 'thread' as const, data })));
    const expected = threads
      .filter((t) => t.status === 'open')
      .sort(compareByDeadline)
      .map((t) => t.id);
    expect(store.threads.queuePage('open', 0, 100).map((t) => t.id)).toEqual(expected);
    expect(store.threads.queuePage('open', 2, 2).map((t) => t.id)).toEqual(expected.slice(2, 4));
    expect(store.threads.count('open')).toBe(5);
    expect(store.threads.count('closed')).toBe(1);
  });

  it('pages a thread backwards, each page oldest to newest', () => {
    const t = thread();
    const all = Array.from({ length: 5 }, (_, i) => message(t.id, { createdAt: T0 + i * 1000, text: `m${i}` }));
    store.applyChanges(all.map((data, i) => ({ seq: i + 1, entity: 'message' as const, data })));
    const newest = store.messages.page(t.id, undefined, 2);
    expect(newest.messages.map((m) => m.text)).toEqual(['m3', 'm4']);
    expect(newest.hasMore).toBe(true);
    const older = store.messages.page(t.id, newest.messages[0]!.createdAt, 10);
    expect(older.messages.map((m) => m.text)).toEqual(['m0', 'm1', 'm2']);
    expect(older.hasMore).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { changeLog, customer, T0, tempDir, thread } from './core-fixtures.js';

let store: LocalStore;
let t: ReturnType<typeof tempDir>;

beforeEach(() => {
  t = tempDir();
  store = openLocalStore(t.dir);
});
afterEach(() => {
  store.close();
  t.remove();
});

describe('queue views in the local store', () => {
  it('filters by assignee and channel, keeping deadline order and counts', () => {
    const me = uuidv7();
    const other = uuidv7();
    const c = customer();
    const log = changeLog();
    const threads = [
      thread({ customerId: c.id, channel: 'webchat', assigneeId: me, slaDueAt: T0 + 300 }),
      thread({ customerId: c.id, channel: 'email', assigneeId: me, slaDueAt: T0 + 100 }),
      thread({ customerId: c.id, channel: 'webchat', assigneeId: other, slaDueAt: T0 + 50 }),
      thread({ customerId: c.id, channel: 'webchat', assigneeId: null, slaDueAt: T0 + 200 }),
    ];
    store.applyChanges([log.customer(c), ...threads.map((x) => log.thread(x))], { cursor: log.seq });
    const ids = (items: { id: string }[]) => items.map((x) => threads.findIndex((y) => y.id === x.id));

    expect(ids(store.threads.queuePage('open', 0, 10))).toEqual([2, 1, 3, 0]);
    const mine = { assigneeId: me, channel: null };
    expect(ids(store.threads.queuePage('open', 0, 10, mine))).toEqual([1, 0]);
    expect(store.threads.count('open', mine)).toBe(2);
    const webchat = { assigneeId: null, channel: 'webchat' as const };
    expect(ids(store.threads.queuePage('open', 0, 10, webchat))).toEqual([2, 3, 0]);
    expect(ids(store.threads.queuePage('open', 1, 1, webchat))).toEqual([3]);
    expect(store.threads.count('open', { assigneeId: me, channel: 'webchat' })).toBe(1);
  });

  it('filters by topic and by "my groups" (routed to my group, worked by a colleague, or waiting for any group)', () => {
    const [me, colleague, stranger] = [uuidv7(), uuidv7(), uuidv7()];
    const [myGroup, otherGroup] = [uuidv7(), uuidv7()];
    const c = customer();
    const log = changeLog();
    const threads = [
      thread({ customerId: c.id, assigneeId: colleague, topic: 'cards', slaDueAt: T0 + 100 }),
      thread({ customerId: c.id, assigneeId: stranger, topic: 'loans', slaDueAt: T0 + 200 }),
      thread({ customerId: c.id, assigneeId: null, groupId: myGroup, topic: 'cards', slaDueAt: T0 + 300 }),
      thread({ customerId: c.id, assigneeId: null, groupId: otherGroup, slaDueAt: T0 + 400 }),
      thread({ customerId: c.id, assigneeId: null, slaDueAt: T0 + 500 }),
      thread({ customerId: c.id, assigneeId: me, status: 'closed', topic: 'cards', slaDueAt: null }),
    ];
    store.applyChanges([log.customer(c), ...threads.map((x) => log.thread(x))], { cursor: log.seq });
    const ids = (items: { id: string }[]) => items.map((x) => threads.findIndex((y) => y.id === x.id));

    const cards = { assigneeId: null, channel: null, topic: 'cards' };
    expect(ids(store.threads.queuePage('open', 0, 10, cards))).toEqual([0, 2]);
    expect(ids(store.threads.queuePage('closed', 0, 10, cards))).toEqual([5]);
    const groups = { groupIds: [myGroup], memberIds: [me, colleague] };
    const mine = { assigneeId: null, channel: null, groups };
    expect(ids(store.threads.queuePage('open', 0, 10, mine))).toEqual([0, 2, 4]);
    expect(store.threads.count('open', mine)).toBe(3);
    expect(store.threads.count('open', { ...mine, topic: 'cards' })).toBe(2);
    // In no group: only what colleagues work on... and there are none.
    expect(store.threads.count('open', { ...mine, groups: { groupIds: [], memberIds: [] } })).toBe(0);
    // The routing facts survive the round trip through the replica.
    expect(store.threads.get(threads[2]!.id)).toMatchObject({ topic: 'cards', groupId: myGroup });
  });
});

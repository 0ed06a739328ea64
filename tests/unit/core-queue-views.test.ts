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
});

/**
 * The core's side of "leaving reach leaves the disk" (decision 0031) on a real SQLite file:
 * migration 005, a revocation removing thread, messages, search rows, attachment rows and the
 * customer in one batch; a thread kept while the outbox holds the agent's reply, swept once it
 * settles; a customer another thread of the same batch needs stays; a thread new to a caught-up
 * cache is marked partial.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../src/main/core/store/migrate.js';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index.js';
import { openLocalStore, STORE_FILE, type LocalStore } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Change } from '../../src/shared/sync.js';
import { queryTermGroups } from '../../src/shared/text/searchTerms.js';
import { changeLog, customer, message, T0, tempDir, thread } from './core-fixtures.js';

let store: LocalStore;
let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempDir());
  store = openLocalStore(dir);
});
afterEach(() => {
  store.close();
  remove();
});

const revoked = (id: string, seq: number): Change => ({ seq, entity: 'revoked', data: { id } });
const hits = (word: string) => store.search.search(queryTermGroups(word), 10).length;
/** Whether the search vocabulary (message_terms, decision 0049) still lists the word. */
const listed = (word: string) => store.db.prepare('SELECT 1 FROM message_terms WHERE key = ?').get(word) !== undefined;

function seedThread(text: string, customerId = uuidv7()) {
  const log = changeLog(store.meta.cursor());
  const c = customer({ id: customerId, identities: [{ kind: 'phone', value: '+79161234567' }] });
  const t = thread({ customerId: c.id });
  const m = message(t.id, { text });
  store.applyChanges([log.customer(c), log.thread(t), log.message(m)], { cursor: log.seq });
  store.attachments.put(
    { id: uuidv7(), messageId: m.id, name: 'a.pdf', mime: 'application/pdf', size: 3, sha256: 'ab' },
    T0,
  );
  return { c, t, m, seq: log.seq };
}

describe('revocations in the cache', () => {
  it('migration 005 adds thread_reach to a version-4 cache, keeping its rows', () => {
    store.close();
    const d = tempDir();
    const db = openSqlite(path.join(d.dir, STORE_FILE));
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', '7')").run();
    db.close();
    store = openLocalStore(d.dir);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.meta.cursor()).toBe(7);
    expect(store.reach.isPartial('x')).toBe(false);
    store.close();
    d.remove();
    store = openLocalStore(dir);
  });

  it('removes the thread, its messages, search rows, attachment rows and its customer in one batch', () => {
    const { c, t, m, seq } = seedThread('kestrel balance question');
    const other = seedThread('unrelated heron');
    expect(hits('kestrel')).toBe(1);
    const applied = store.applyChanges([revoked(t.id, seq + 10)], { cursor: seq + 10 });
    expect(applied.revokedThreadIds).toEqual([t.id]);
    expect(applied.queueThreadIds).toContain(t.id);
    expect(applied.customerIds).toEqual([c.id]);
    expect(store.threads.get(t.id)).toBeNull();
    expect(store.messages.get(m.id)).toBeNull();
    expect(hits('kestrel')).toBe(0);
    expect(store.customers.get(c.id)).toBeNull();
    expect(store.customers.byIdentity({ kind: 'phone', value: '+79161234567' })?.id).toBe(other.c.id);
    expect(store.attachments.referencedHashes().size).toBe(1);
    expect(store.threads.get(other.t.id)).not.toBeNull();
    expect(hits('heron')).toBe(1);
  });

  it("drops from the search vocabulary at once the words only the revoked thread held (its customer's name, number)", () => {
    const { t, seq } = seedThread('Kestrelova 79031112233 balance');
    seedThread('balance heron');
    expect(listed('kestrelova')).toBe(true);
    expect(listed('79031112233')).toBe(true);
    store.applyChanges([revoked(t.id, seq + 10)], { cursor: seq + 10 });
    expect(listed('kestrelova')).toBe(false);
    expect(listed('79031112233')).toBe(false);
    // Words another cached message holds stay, and are still found by a prefix.
    expect(listed('balance')).toBe(true);
    expect(listed('heron')).toBe(true);
    expect(hits('bal')).toBe(1);
    // Written again, a dropped word is listed and found again.
    seedThread('Kestrelova again');
    expect(listed('kestrelova')).toBe(true);
    expect(hits('kestrel')).toBe(1);
  });

  it('ignores a revocation older than the cached thread, and one for a thread it never had', () => {
    const { t } = seedThread('osprey');
    expect(store.applyChanges([revoked(t.id, 1)]).revokedThreadIds).toBeUndefined();
    expect(store.threads.get(t.id)).not.toBeNull();
    expect(store.applyChanges([revoked(uuidv7(), 99)]).revokedThreadIds).toBeUndefined();
  });

  it('keeps the customer when another thread of theirs arrives later in the same batch', () => {
    const { c, t } = seedThread('plover');
    const log = changeLog(store.meta.cursor());
    const second = thread({ customerId: c.id });
    store.applyChanges([revoked(t.id, log.seq + 1), { ...log.thread(second), seq: log.seq + 2 }]);
    expect(store.customers.get(c.id)).not.toBeNull();
    expect(store.threads.get(second.id)).not.toBeNull();
  });

  it("keeps a thread with the agent's unsent reply, stripped of the hub's messages, until the outbox settles", () => {
    const { c, t, m, seq } = seedThread('curlew statement');
    const reply = message(t.id, { direction: 'out', text: 'our curlew reply', status: 'pending' });
    const mutationId = uuidv7();
    store.transaction(() => {
      store.messages.insertLocal(reply);
      store.outbox.add(
        { id: mutationId, kind: 'message.send', threadId: t.id, messageId: reply.id, text: reply.text, createdAt: T0 },
        T0,
      );
    });
    const applied = store.applyChanges([revoked(t.id, seq + 1)]);
    expect(applied.revokedThreadIds).toBeUndefined();
    expect(store.threads.get(t.id)).not.toBeNull();
    expect(store.reach.isRevoked(t.id)).toBe(true);
    expect(store.messages.get(m.id)).toBeNull();
    expect(store.messages.get(reply.id)?.text).toBe('our curlew reply');
    expect(hits('curlew')).toBe(1); // the reply, searchable while it is here
    // The hub's message took its own words from the vocabulary; the reply's stay.
    expect(listed('statement')).toBe(false);
    expect(listed('curlew')).toBe(true);
    expect(store.customers.get(c.id)).not.toBeNull();

    // Still pending: nothing moves. Settled (discarded): the next batch sweeps the thread and customer.
    expect(store.applyChanges([]).revokedThreadIds).toBeUndefined();
    store.transaction(() => {
      store.outbox.remove(mutationId);
      store.messages.removeLocal(reply.id);
    });
    const swept = store.applyChanges([]);
    expect(swept.revokedThreadIds).toEqual([t.id]);
    expect(swept.customerIds).toEqual([c.id]);
    expect(store.threads.get(t.id)).toBeNull();
    expect(store.reach.isRevoked(t.id)).toBe(false);
  });

  it('marks a thread new to a caught-up cache partial (its history is on the hub), not one of the first sync', () => {
    const first = seedThread('first sync');
    expect(store.reach.isPartial(first.t.id)).toBe(false);
    const later = seedThread('came into reach late');
    expect(store.reach.isPartial(later.t.id)).toBe(true);
    // Known already and changed again: as whole as it was.
    const log = changeLog(store.meta.cursor());
    store.applyChanges([log.thread({ ...first.t, subject: 'changed' })], { cursor: log.seq });
    expect(store.reach.isPartial(first.t.id)).toBe(false);
  });
});

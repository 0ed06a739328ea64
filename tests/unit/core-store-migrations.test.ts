import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, NewerSchemaError, schemaVersion } from '../../src/main/core/store/migrate.js';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index.js';
import { openLocalStore, STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { indexTerms, queryTermGroups } from '../../src/shared/text/searchTerms.js';
import { message, tempDir } from './core-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function dir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

describe('local store migrations', () => {
  it('creates every table from an empty file and records the version', () => {
    const d = dir();
    const store = openLocalStore(d);
    const names = (
      store.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'customers',
        'threads',
        'messages',
        'message_search',
        'outbox',
        'meta',
        'threads_queue',
        'messages_thread_time',
      ]),
    );
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    store.close();
  });

  it('opens an up-to-date file again without re-running anything', () => {
    const d = dir();
    const first = openLocalStore(d);
    first.meta.set('hub_id', 'hub-1');
    first.close();
    const again = openLocalStore(d);
    expect(again.meta.hubId()).toBe('hub-1');
    again.close();
  });

  it('refuses a database written by a newer Okno, naming the versions', () => {
    const d = dir();
    const db = openSqlite(path.join(d, STORE_FILE));
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openLocalStore(d)).toThrow(NewerSchemaError);
    expect(() => openLocalStore(d)).toThrow(/newer version of Okno/);
    expect(() => openLocalStore(d)).toThrow(`schema version ${MIGRATIONS.length + 5}`);
  });

  it('rolls a failing step back whole, leaving the version where it was', () => {
    const d = dir();
    const db = openSqlite(path.join(d, STORE_FILE));
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'half done',
        up(inner: typeof db) {
          inner.exec('CREATE TABLE half (x INTEGER)');
          inner.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('002 adds the retention and attachment tables to a version-1 cache, keeping its rows', () => {
    const d = dir();
    const db = openSqlite(path.join(d, STORE_FILE));
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', '42')").run();
    db.prepare("INSERT INTO outbox (id, kind, payload, created_at) VALUES ('m-1', 'agent.setStatus', '{}', 1)").run();
    db.close();

    const store = openLocalStore(d);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.meta.cursor()).toBe(42);
    expect(store.outbox.get('m-1')?.state).toBe('pending');
    expect(store.retention.prunedCount()).toBe(0);
    expect(store.attachments.totalBytes()).toBe(0);
    store.close();
  });

  it('006 keeps cached customers as known ones and then stores the kind the hub sends', () => {
    const d = dir();
    const db = openSqlite(path.join(d, STORE_FILE));
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare(
      "INSERT INTO customers (id, seq, name, phone, email, notes, created_at, updated_at) VALUES ('c-1', 1, 'Olga', NULL, NULL, '', 1, 1)",
    ).run();
    db.close();

    const store = openLocalStore(d);
    expect(store.customers.get('c-1')).not.toHaveProperty('kind');
    const base = { id: 'c-1', name: '#7', phone: null, email: null, createdAt: 1, updatedAt: 2 };
    expect(store.customers.upsert({ ...base, kind: 'anonymous' }, 2)).toBe(true);
    expect(store.customers.get('c-1')?.kind).toBe('anonymous');
    expect(store.customers.upsert({ ...base, name: 'Olga Petrova' }, 3)).toBe(true);
    expect(store.customers.get('c-1')).not.toHaveProperty('kind');
    store.close();
  });

  it('008 lists the terms a version-7 cache indexed, so its messages are found by a typed prefix', () => {
    const d = dir();
    const db = openSqlite(path.join(d, STORE_FILE));
    migrate(db, MIGRATIONS.slice(0, 7));
    const texts = ['Карта заблокирована', 'Un café, s’il vous plaît'];
    texts.forEach((text, i) => {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO messages (id, seq, thread_id, direction, author_kind, author_id, author_name, text, status, created_at)
           VALUES (?, ?, 't-1', 'in', 'customer', NULL, 'Анна', ?, 'sent', ?)`,
        )
        .run(`m-${i}`, i + 1, text, i);
      db.prepare('INSERT INTO message_search (rowid, terms) VALUES (?, ?)').run(lastInsertRowid, indexTerms(text));
    });
    db.close();

    const store = openLocalStore(d);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    const found = (query: string) => store.search.search(queryTermGroups(query), 10).map((row) => row.id);
    expect(found('заблок')).toEqual(['m-0']);
    expect(found('карты')).toEqual(['m-0']);
    expect(found('caf')).toEqual(['m-1']);
    expect(found('CAFÉ')).toEqual(['m-1']);
    // The tokenizer's own terms, keyed as new writes key theirs.
    expect(store.db.prepare("SELECT key, term FROM message_terms WHERE key LIKE 'caf%'").all()).toEqual([
      { key: 'cafe', term: '' },
    ]);
    store.messages.insertLocal(message('t-1', { id: 'm-2', text: 'Cafétéria' }));
    expect(found('cafe').sort()).toEqual(['m-1', 'm-2']);
    store.close();
  });

  it('walks the queue index in deadline order without a sort step', () => {
    const store = openLocalStore(dir());
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT t.id FROM threads t LEFT JOIN customers c ON c.id = t.customer_id
         WHERE t.status = 'open' ORDER BY t.sla_due_at IS NULL, t.sla_due_at, t.last_message_at DESC, t.id LIMIT 100`,
      )
      .all() as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toContain('threads_queue');
    expect(details).not.toContain('TEMP B-TREE');
    store.close();
  });
});

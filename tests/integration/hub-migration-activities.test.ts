/**
 * Hub migration 18 (planned activities): existing customers, agents and threads are kept; activities
 * round-trip through their repository with names resolved; the schema refuses an unknown kind or state;
 * the clock's "what is due" read uses its index.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { ActivitiesRepo } from '../../src/server/storage/activitiesRepo.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

const C1 = '01900000-0000-7000-8000-000000000001';
const A1 = '01900000-0000-7000-8000-0000000000a1';
const T1 = '01900000-0000-7000-8000-0000000000f1';
const X1 = '01900000-0000-7000-8000-0000000000c1';
const X2 = '01900000-0000-7000-8000-0000000000c2';

describe('hub migration 18: planned activities', () => {
  it('keeps what was there and stores activities for the clock to find', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 17);
    db.prepare(
      `INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, 'Ольга Смирнова', '+79161234567', null, 1, 2)`,
    ).run(C1);
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES (?, 'anna', 'Anna', 'agent', 'ready', 1, 'h', 100, 200)`,
    ).run(A1);
    db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, assignee_id, subject, sla_due_at, last_message_at,
         last_message_preview, created_at, updated_at) VALUES (?, 7, 'webchat', 'open', ?, ?, 'loan', null, 5, 'hi', 5, 5)`,
    ).run(T1, C1, A1);

    migrate(db, log, MIGRATIONS, 18);
    expect(schemaVersion(db)).toBe(18);
    expect(db.prepare('SELECT name FROM customers WHERE id = ?').get(C1)).toEqual({ name: 'Ольга Смирнова' });
    expect(db.prepare('SELECT number FROM threads WHERE id = ?').get(T1)).toEqual({ number: 7 });

    const repo = new ActivitiesRepo(db);
    const base = { customerId: C1, agentId: A1, groupId: null, createdBy: A1, createdAt: 10 };
    repo.add({ ...base, id: X1, kind: 'callback', dueAt: 1000, originThreadId: T1, note: 'перезвонить' });
    repo.add({ ...base, id: X2, kind: 'meeting', dueAt: 5000, originThreadId: null, note: '' });
    expect(repo.byId(X1)).toMatchObject({
      kind: 'callback',
      state: 'planned',
      customerName: 'Ольга Смирнова',
      agentName: 'Anna',
      createdByName: 'Anna',
      originThreadId: T1,
      note: 'перезвонить',
    });
    expect(repo.dueIds(999, 10)).toEqual([]);
    expect(repo.dueIds(1000, 10)).toEqual([X1]);
    expect(repo.dueIds(9000, 10)).toEqual([X1, X2]);
    expect(repo.ofOriginThread(T1).map((a) => a.id)).toEqual([X1]);

    expect(repo.markQueued(X1, T1, 1000)).toBe(true);
    expect(repo.markQueued(X1, T1, 1001)).toBe(false);
    expect(repo.byQueuedThread(T1)).toMatchObject({ id: X1, state: 'queued', queuedThreadNumber: 7, queuedAt: 1000 });
    expect(repo.queued().map((a) => a.id)).toEqual([X1]);
    expect(repo.close(X1, 'done', 2000, A1)).toBe(true);
    expect(repo.close(X1, 'cancelled', 2001, A1)).toBe(false);
    // Open ones first on the card.
    expect(repo.ofCustomer(C1, 10).map((a) => [a.id, a.state])).toEqual([
      [X2, 'planned'],
      [X1, 'done'],
    ]);

    expect(() =>
      db
        .prepare(
          `INSERT INTO activities (id, kind, state, due_at, customer_id, created_by, created_at) VALUES ('x', 'party', 'planned', 1, ?, ?, 1)`,
        )
        .run(C1, A1),
    ).toThrow(/CHECK constraint/);
    expect(() => db.prepare(`UPDATE activities SET state = 'lost' WHERE id = ?`).run(X2)).toThrow(/CHECK constraint/);

    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM activities WHERE state = 'planned' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
      )
      .all(1, 10) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('activities_due');
    db.close();
  });
});

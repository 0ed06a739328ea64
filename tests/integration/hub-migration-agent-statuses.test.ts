/**
 * Hub migration 6 rebuilds the agents table for the wider statuses: agents, their sessions and
 * the threads assigned to them survive (foreign keys are off around the rebuild, so nothing
 * cascades), each agent's status becomes its first status event, and the new statuses fit.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 6: agent statuses', () => {
  it('keeps agents, sessions and assignments, and logs each status as the first event', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 5);
    expect(schemaVersion(db)).toBe(5);
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, password_hash, created_at, updated_at)
       VALUES ('a1', 'anna', 'Anna', 'agent', 'not_ready', 'h', 100, 200)`,
    ).run();
    db.prepare("INSERT INTO sessions (token_hash, agent_id, created_at, last_seen_at) VALUES ('t', 'a1', 1, 2)").run();
    expect(() => db.prepare("UPDATE agents SET status = 'away' WHERE id = 'a1'").run()).toThrow(
      /CHECK constraint failed/,
    );

    migrate(db, log);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    expect(
      db.prepare("SELECT status, status_reason, status_since, acw_until FROM agents WHERE id = 'a1'").get(),
    ).toEqual({ status: 'not_ready', status_reason: null, status_since: 200, acw_until: null });
    expect(db.prepare('SELECT agent_id, status, started_at FROM agent_status_events').all()).toEqual([
      { agent_id: 'a1', status: 'not_ready', started_at: 200 },
    ]);
    db.prepare("UPDATE agents SET status = 'after_call_work', acw_until = 999 WHERE id = 'a1'").run();
    expect(() => db.prepare("UPDATE agents SET status = 'napping' WHERE id = 'a1'").run()).toThrow(
      /CHECK constraint failed/,
    );
    // The foreign keys are on again and still point at the rebuilt table.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare("INSERT INTO sessions (token_hash, agent_id, created_at, last_seen_at) VALUES ('u', 'nobody', 1, 2)")
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare("DELETE FROM agents WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    db.close();
  });
});

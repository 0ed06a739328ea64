/** Hub migration 10 (accounts): agents and sessions stay; every agent starts enabled with no password change on record. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 10: accounts', () => {
  it('keeps agents and sessions; accounts start enabled', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 9);
    expect(schemaVersion(db)).toBe(9);
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES ('a1', 'anna', 'Anna', 'agent', 'ready', 1, 'h', 100, 200)`,
    ).run();
    db.prepare("INSERT INTO sessions (token_hash, agent_id, created_at, last_seen_at) VALUES ('t', 'a1', 1, 2)").run();

    migrate(db, log, MIGRATIONS, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(
      db.prepare('SELECT login, password_hash, disabled_at, disabled_by, password_changed_at FROM agents').get(),
    ).toEqual({ login: 'anna', password_hash: 'h', disabled_at: null, disabled_by: null, password_changed_at: null });
    expect(db.prepare('SELECT agent_id, created_at FROM sessions').all()).toEqual([{ agent_id: 'a1', created_at: 1 }]);
    db.close();
  });
});

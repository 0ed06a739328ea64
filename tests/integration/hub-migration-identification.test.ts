/** Hub migration 14 (identification): customers and threads stay; the new tables start empty and keep their rules. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 14: identification', () => {
  it('adds rounds, locks, settings and the bank adapter beside the existing customers', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 13);
    db.prepare("INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c1', 'Olga', 1, 1)").run();
    migrate(db, log, MIGRATIONS, 14);
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Olga' }]);
    for (const table of ['identification_settings', 'identification_rounds', 'identification_locks', 'bank_adapter'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });

    db.prepare(
      "INSERT INTO identification_locks (customer_id, failed_attempts, locked_until, updated_at) VALUES ('c1', 3, 99, 1)",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO identification_locks (customer_id, failed_attempts, updated_at) VALUES ('nobody', 1, 1)")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    // One row of settings and of adapter, never two.
    db.prepare("INSERT INTO bank_adapter (id, url, timeout_ms, updated_at) VALUES (1, 'http://bank', 3000, 1)").run();
    expect(() =>
      db.prepare("INSERT INTO bank_adapter (id, url, timeout_ms, updated_at) VALUES (2, 'http://bank', 3000, 1)").run(),
    ).toThrow(/CHECK/);
    // A deleted customer takes its lock with it.
    db.prepare("DELETE FROM customers WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM identification_locks').get()).toEqual({ n: 0 });
    db.close();
  });
});

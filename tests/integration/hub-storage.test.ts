import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { PullResponse, SYNC_API } from '../../src/shared/sync.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import {
  ADMIN_PASSWORD,
  api,
  closeAll,
  customerSays,
  login,
  openWidget,
  removeTempDirs,
  startHub,
  tempDir,
} from './hub-harness.js';
import { openHubDatabase } from '../support/testDatabase.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub storage', () => {
  it('keeps data and hubId across a restart on the same data dir, without a second bootstrap', async () => {
    const first = await startHub();
    const token = await login(first.url);
    const { widget, visitorToken } = await openWidget(first.url);
    await customerSays(widget, 'remember me');
    closeAll(widget);
    const before = PullResponse.parse((await api(first.url, `${SYNC_API.pull}?after=0`, { token })).body);
    await first.close();

    const second = await startHub({ dataDir: first.dataDir, initialAdminPassword: 'a-different-password' });
    try {
      expect(second.hubId).toBe(first.hubId);
      expect(second.bootstrap).toBeNull();
      // The old password still works: nothing was re-created.
      const again = await login(second.url, 'admin', ADMIN_PASSWORD);
      const after = PullResponse.parse((await api(second.url, `${SYNC_API.pull}?after=0`, { token: again })).body);
      expect(after.changes).toEqual(before.changes);
      const back = await openWidget(second.url, { visitorToken });
      expect(back.history).toEqual([expect.objectContaining({ text: 'remember me' })]);
      closeAll(back.widget);
    } finally {
      await second.close();
    }
  });

  it('migrates a new database to the newest version and refuses one from a newer hub', async () => {
    const file = path.join(tempDir(), 'hub.sqlite');
    const db = openSqlite(file);
    migrate(db, log);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['agents', 'sessions', 'threads', 'messages', 'change_log']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.pragma('user_version = 999');
    db.close();

    await expect(startHub({ dataDir: path.dirname(file), databaseUrl: undefined })).rejects.toThrow(
      /schema version 999, newer than this hub/,
    );
  });

  it('runs a failing migration as a whole or not at all', () => {
    const file = path.join(tempDir(), 'hub.sqlite');
    const db = openSqlite(file);
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: (target: typeof db) => {
          target.exec('CREATE TABLE half_done (id INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, log, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('stores session tokens and visitor secrets only as hashes', async () => {
    const hub = await startHub();
    const token = await login(hub.url);
    const { widget, visitorToken } = await openWidget(hub.url);
    closeAll(widget);
    await hub.close();
    const db = openHubDatabase(hub.dataDir);
    const dump = JSON.stringify([
      db.prepare('SELECT * FROM sessions').all(),
      db.prepare('SELECT * FROM visitors').all(),
      db.prepare('SELECT login, password_hash FROM agents').all(),
    ]);
    db.close();
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(visitorToken);
    expect(dump).not.toContain(ADMIN_PASSWORD);
    expect(dump).toContain('scrypt$');
  });
});

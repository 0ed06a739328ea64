/**
 * Hub migration 26 (agent_sockets): a hub at 25 gets the table empty; the repository counts sockets
 * per instance, says who is connected anywhere, closes a dead instance's sockets, and names the
 * agents gone longer than a grace.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { AgentSocketsRepo } from '../../src/server/storage/agentSocketsRepo.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 26: agent sockets', () => {
  it('adds the table to a hub at 25, and the repository reads it back', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 25);
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES ('a1', 'ann', 'Ann', 'agent', 'ready', 1, 'x', 1, 1), ('a2', 'bo', 'Bo', 'agent', 'ready', 1, 'x', 1, 1)`,
    ).run();
    migrate(db, log, MIGRATIONS, 26);
    expect(schemaVersion(db)).toBe(26);
    expect(db.prepare('SELECT count(*) AS n FROM agent_sockets').get()).toEqual({ n: 0 });

    const repo = new AgentSocketsRepo(db);
    db.prepare(
      `INSERT INTO hub_instances (id, started_at, seen_at, url, settings_json) VALUES ('x', 0, 1000, '', '{}')`,
    ).run();
    repo.opened('a1', 'x', 100);
    repo.opened('a1', 'x', 110);
    repo.closed('a1', 'x', 120);
    repo.opened('a2', 'me', 100);
    expect(repo.connected('a1')).toBe(true);
    expect(repo.goneBefore(10_000)).toEqual([]);
    // 'x' was last seen at 1000: alive since 900, dead since 2000.
    expect(repo.closeDead('me', 900, 1500)).toBe(0);
    expect(repo.closeDead('me', 2000, 2500)).toBe(1);
    expect(repo.connected('a1')).toBe(false);
    expect(repo.goneBefore(2500)).toEqual([]);
    expect(repo.goneBefore(2501)).toEqual(['a1']);
    repo.closed('a2', 'me', 3000);
    expect(repo.goneBefore(3001)).toEqual(['a1', 'a2']);
    repo.closeInstance('me', 3100);
    db.prepare(`UPDATE agents SET status = 'offline' WHERE id = 'a1'`).run();
    repo.forget(3001);
    expect(db.prepare('SELECT agent_id AS id FROM agent_sockets ORDER BY agent_id').all()).toEqual([{ id: 'a2' }]);
    db.close();
  });
});

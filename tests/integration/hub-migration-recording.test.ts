/**
 * Hub migration 19 (recording): groups a hub already had keep everything and record as their lines say
 * (no policy of their own); the recordings table keeps its rules (states, a thread that exists, retention
 * and file look-ups through the repository); settings start at the defaults.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { DEFAULT_RECORDING_SETTINGS, RecordingsRepo } from '../../src/server/storage/recordingsRepo.js';
import { RoutingRepo } from '../../src/server/storage/routingRepo.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 19: recording', () => {
  it('keeps groups, adds recordings with their rules and default settings', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 18);
    db.prepare("INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c1', 'Olga', 1, 1)").run();
    db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, subject, last_message_at, last_message_preview, created_at, updated_at)
       VALUES ('t1', 1, 'phone', 'closed', 'c1', 'Call', 1, 'Call', 1, 1)`,
    ).run();
    db.prepare(
      "INSERT INTO groups (id, name, skills_json, created_at, updated_at) VALUES ('g1', 'Cards', '{\"topics\":[\"cards\"]}', 1, 1)",
    ).run();

    migrate(db, log, MIGRATIONS, 19);
    expect(schemaVersion(db)).toBe(19);
    const [group] = new RoutingRepo(db).groups();
    expect(group).toMatchObject({ id: 'g1', name: 'Cards', recordingPolicy: null });
    expect(() => db.prepare("UPDATE groups SET recording_policy = 'sometimes' WHERE id = 'g1'").run()).toThrow(
      /CHECK constraint/,
    );

    const repo = new RecordingsRepo(db);
    expect(repo.settings()).toEqual(DEFAULT_RECORDING_SETTINGS);
    const base = {
      threadId: 't1',
      callId: 'call-1',
      lineId: null,
      agentId: null,
      state: 'ready' as const,
      startedAt: 10,
      endedAt: 20,
      durationMs: 10,
      bytes: 100,
      mediaType: 'audio/wav',
      sha256: 'a'.repeat(64),
      pauses: [{ atMs: 1, lengthMs: 2, reasons: ['manual' as const] }],
      peaks: [0, 255],
      deleteAfter: 1000,
    };
    repo.save({ ...base, id: 'r1' });
    repo.save({ ...base, id: 'r2', deleteAfter: 2000 });
    repo.save({ ...base, id: 'r3', sha256: 'b'.repeat(64), bytes: 50, deleteAfter: 3000 });
    expect(repo.byId('r1')).toEqual({ ...base, id: 'r1' });
    expect(repo.storedBytes()).toBe(150); // the shared file once
    expect(repo.usersOf('a'.repeat(64))).toBe(2);
    expect(repo.due(2000, 10).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(() => repo.save({ ...base, id: 'r4', threadId: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE recordings SET state = 'lost' WHERE id = 'r1'").run()).toThrow(/CHECK constraint/);
    repo.saveSettings({ capBytes: 2 * 1024 ** 2, agentsHearOwn: true }, 5);
    expect(repo.settings()).toEqual({ capBytes: 2 * 1024 ** 2, agentsHearOwn: true });
    db.close();
  });
});

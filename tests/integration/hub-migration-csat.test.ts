/**
 * Hub migration 22 (ratings in every channel): what was there is kept; rating requests round-trip
 * through their repository, are answered once, and go with their thread; the schema refuses a score
 * outside 1..5 or an unknown language; the settings read the defaults until saved.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CSAT_SETTINGS } from '../../src/shared/csat/csat.js';
import { createLogger } from '../../src/shared/log.js';
import { CsatRepo } from '../../src/server/storage/csatRepo.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

const C1 = '01900000-0000-7000-8000-000000000001';
const T1 = '01900000-0000-7000-8000-0000000000f1';
const L1 = '01900000-0000-7000-8000-0000000000e1';

describe('hub migration 22: ratings', () => {
  it('keeps what was there, stores requests answered once, and the settings', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 21);
    db.prepare(
      `INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, 'Olga', null, 'o@example.test', 1, 2)`,
    ).run(C1);
    db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, assignee_id, subject, sla_due_at, last_message_at,
         last_message_preview, created_at, updated_at) VALUES (?, 3, 'email', 'closed', ?, null, 'card', null, 5, 'hi', 5, 5)`,
    ).run(T1, C1);

    migrate(db, log, MIGRATIONS, 22);
    expect(schemaVersion(db)).toBe(22);
    expect(db.prepare('SELECT number FROM threads WHERE id = ?').get(T1)).toEqual({ number: 3 });

    const repo = new CsatRepo(db);
    expect(repo.settings()).toEqual(DEFAULT_CSAT_SETTINGS);
    const request = {
      token: 'tok-1',
      threadId: T1,
      channel: 'email',
      address: 'o@example.test',
      language: 'ru' as const,
      createdAt: 10,
      expiresAt: 1000,
    };
    repo.insert(request);
    expect(repo.asked(T1, 'email')).toBe(true);
    expect(repo.asked(T1, 'vk')).toBe(false);
    expect(repo.get('tok-1')).toEqual({ ...request, answeredAt: null, score: null });
    expect(repo.answer('tok-1', 4, 50)).toBe(true);
    expect(repo.answer('tok-1', 5, 60)).toBe(false);
    expect(repo.get('tok-1')).toMatchObject({ answeredAt: 50, score: 4 });
    expect(() => db.prepare(`UPDATE csat_requests SET score = 6 WHERE token = 'tok-1'`).run()).toThrow(/CHECK/);
    expect(() => repo.insert({ ...request, token: 'tok-2', language: 'de' as 'ru' })).toThrow(/CHECK/);

    repo.saveSettings({ lineIds: [L1], channels: ['email'], validityHours: 24, linkBase: 'https://hub' }, 70);
    expect(repo.settings()).toEqual({ lineIds: [L1], channels: ['email'], validityHours: 24, linkBase: 'https://hub' });

    db.prepare('DELETE FROM threads WHERE id = ?').run(T1);
    expect(repo.get('tok-1')).toBeNull();
    db.close();
  });
});

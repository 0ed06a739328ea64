/**
 * Hub migration 17 (register): existing data is untouched, the business calendar starts as a Monday–
 * Friday week with no holidays, and the new tables keep their rules (a status outside the workflow,
 * two complaints with one number, a complaint of an unknown type are refused by the schema).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { RegisterRepo } from '../../src/server/storage/registerRepo.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 17: register', () => {
  it('adds the register beside existing data with a Monday–Friday calendar', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 16);
    db.prepare("INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c1', 'Olga', 1, 1)").run();
    db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, subject, last_message_at, last_message_preview, created_at, updated_at)
       VALUES ('t1', 1, 'webchat', 'open', 'c1', 'Hi', 1, 'Hi', 1, 1)`,
    ).run();

    migrate(db, log, MIGRATIONS, 17);
    expect(schemaVersion(db)).toBe(17);
    expect(db.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Olga' }]);
    const repo = new RegisterRepo(db);
    expect(repo.calendar()).toEqual({ workingDays: [1, 2, 3, 4, 5], holidays: [], updatedAt: 0 });
    expect(repo.types()).toEqual([]);
    expect(repo.nextNumber()).toBe(1);

    repo.saveType(
      {
        id: 'type-1',
        name: { en: 'Complaint', ru: 'Жалоба' },
        fields: [],
        deadlineDays: 10,
        ownerGroupId: null,
        customerMessages: {
          new: { en: '', ru: '' },
          in_progress: { en: '', ru: '' },
          waiting_customer: { en: '', ru: '' },
          resolved: { en: 'Resolved', ru: 'Решено' },
          closed: { en: '', ru: '' },
        },
        letterTemplate: { en: '', ru: '' },
        retired: false,
        updatedAt: 5,
      },
      5,
    );
    const base = {
      id: 'k1',
      number: 1,
      typeId: 'type-1',
      subject: 'Двойное списание',
      fields: {},
      status: 'new' as const,
      customerId: 'c1',
      originThreadId: 't1',
      originChannel: 'webchat' as const,
      assigneeAgentId: null,
      assigneeGroupId: null,
      createdAt: 10,
      createdBy: null,
      updatedAt: 10,
      updatedBy: null,
      version: 1,
      deadlineAt: 100,
      resolvedAt: null,
      firstResolvedAt: null,
      closedAt: null,
      searchText: 'двойное списание olga',
    };
    repo.insert(base);
    expect(repo.byId('k1')).toMatchObject({ number: 1, customerName: 'Olga', status: 'new', version: 1 });
    expect(repo.nextNumber()).toBe(2);

    expect(() => repo.insert({ ...base, id: 'k2' })).toThrow(/UNIQUE/);
    expect(() => repo.insert({ ...base, id: 'k3', number: 3, status: 'lost' as never })).toThrow(/CHECK/);
    expect(() => repo.insert({ ...base, id: 'k4', number: 4, typeId: 'nope' })).toThrow(/FOREIGN KEY/);
    // An update made on an old version changes nothing.
    expect(repo.update({ ...base, status: 'in_progress', version: 2 }, 1)).toBe(true);
    expect(repo.update({ ...base, status: 'resolved', version: 2 }, 1)).toBe(false);
    expect(repo.byId('k1')).toMatchObject({ status: 'in_progress', version: 2 });
    db.close();
  });
});

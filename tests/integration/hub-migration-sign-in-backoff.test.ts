/**
 * Hub migration 27 (sign_in_backoff): a hub at 26 gets the table empty; the repository counts
 * failures per subject in one statement, starts a stale count again, reads only live counts, and
 * forgets a subject or every stale count.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { SignInBackoffRepo } from '../../src/server/storage/signInBackoffRepo.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 27: sign-in back-off', () => {
  it('adds the table to a hub at 26, and the repository counts in it', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 26);
    migrate(db, log, MIGRATIONS, 27);
    expect(schemaVersion(db)).toBe(27);
    expect(db.prepare('SELECT count(*) AS n FROM sign_in_backoff').get()).toEqual({ n: 0 });

    const repo = new SignInBackoffRepo(db);
    repo.failed(['login:ann', 'address:10.0.0.1'], 100, 0);
    repo.failed(['login:ann', 'address:10.0.0.1'], 200, 0);
    repo.failed(['login:ann'], 300, 0);
    expect(repo.counts(['login:ann', 'address:10.0.0.1'], 0)).toEqual(
      new Map([
        ['login:ann', { failures: 3, lastFailureAt: 300 }],
        ['address:10.0.0.1', { failures: 2, lastFailureAt: 200 }],
      ]),
    );
    // The same subject twice is one subject.
    repo.failed(['login:bo', 'login:bo'], 300, 0);
    expect(repo.counts(['login:bo'], 0)).toEqual(new Map([['login:bo', { failures: 1, lastFailureAt: 300 }]]));
    // Stale (last failure at or before 200): left out of reads, and started again by a failure.
    expect([...repo.counts(['login:ann', 'address:10.0.0.1'], 200).keys()]).toEqual(['login:ann']);
    repo.failed(['address:10.0.0.1'], 400, 200);
    expect(repo.counts(['address:10.0.0.1'], 200).get('address:10.0.0.1')).toEqual({ failures: 1, lastFailureAt: 400 });
    repo.forget('login:bo');
    expect(repo.forgetStale(300)).toBe(1);
    expect(db.prepare('SELECT subject FROM sign_in_backoff ORDER BY subject').all()).toEqual([
      { subject: 'address:10.0.0.1' },
    ]);
    expect(() => repo.failed([], 1, 0)).toThrow(/one or two subjects/);
    db.close();
  });
});

/**
 * Sign-in back-off and the hashing queue, on an injected clock (decisions 0025, 0053). The back-off's
 * rules run twice: over a store in memory, and over the hub's table (SignInBackoffRepo on SQLite),
 * so the counting the SQL does (a stale count starting again) is held to the same rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { HashQueue, HashQueueFull } from '../../src/server/auth/hashQueue.js';
import { costOf, needsRehash, PASSWORD_COST } from '../../src/server/auth/passwords.js';
import {
  SignInBackoff,
  waitAfter,
  type BackoffCount,
  type BackoffRule,
  type BackoffStore,
  type SignInBackoffOptions,
} from '../../src/server/auth/signInBackoff.js';
import { migrate } from '../../src/server/storage/migrate.js';
import { SignInBackoffRepo } from '../../src/server/storage/signInBackoffRepo.js';
import { openSqlite, type SqliteDatabase } from '../../src/server/storage/sqlite.js';

const RULE: BackoffRule = { free: 3, baseMs: 1_000, maxMs: 8_000 };

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** The counts in a Map, as the rules need them and nothing more. */
class MemoryBackoffStore implements BackoffStore {
  readonly entries = new Map<string, BackoffCount>();

  counts(keys: readonly string[], staleAt: number): Map<string, BackoffCount> {
    const found = new Map<string, BackoffCount>();
    for (const key of keys) {
      const count = this.entries.get(key);
      if (count && count.lastFailureAt > staleAt) found.set(key, { ...count });
    }
    return found;
  }

  failed(keys: readonly string[], at: number, staleAt: number): void {
    for (const key of keys) {
      const count = this.entries.get(key);
      const failures = count && count.lastFailureAt > staleAt ? count.failures + 1 : 1;
      this.entries.set(key, { failures, lastFailureAt: at });
    }
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  forgetStale(staleAt: number): number {
    let dropped = 0;
    for (const [key, count] of this.entries) {
      if (count.lastFailureAt <= staleAt && this.entries.delete(key)) dropped += 1;
    }
    return dropped;
  }

  size(): number {
    return this.entries.size;
  }
}

const dirs: string[] = [];
const databases: SqliteDatabase[] = [];
afterAll(() => {
  for (const db of databases.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The hub's table on a fresh SQLite file. */
function tableStore(): BackoffStore & { size(): number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-backoff-'));
  dirs.push(dir);
  const db = openSqlite(path.join(dir, 'hub.sqlite'));
  databases.push(db);
  migrate(db, createLogger('test'));
  const repo = new SignInBackoffRepo(db);
  const size = db.prepare('SELECT count(*) AS n FROM sign_in_backoff');
  return Object.assign(repo, { size: () => (size.get() as { n: number }).n });
}

const STORES: [string, () => BackoffStore & { size(): number }][] = [
  ['in memory', () => new MemoryBackoffStore()],
  ['in the hub database', tableStore],
];

describe('waitAfter', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => waitAfter(RULE, n))).toEqual([
      0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });
});

describe.each(STORES)('SignInBackoff, counts %s', (_name, makeStore) => {
  const backoffOf = (options: Omit<SignInBackoffOptions, 'store'>, store = makeStore()) =>
    new SignInBackoff({ ...options, store });

  it('pauses a login after its free failures, for the doubling wait, and lets it try when the wait is over', () => {
    const c = clock();
    const backoff = backoffOf({ now: c.now, login: RULE, address: { ...RULE, free: 100 } });
    for (let i = 0; i < 3; i += 1) {
      expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
      backoff.failed('anna', '10.0.0.1');
    }
    expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('Anna', '10.0.0.9')).toEqual({ paused: true, by: 'login', retryAfterMs: 1_000, failures: 4 });
    c.advance(999);
    expect(backoff.check('anna', '10.0.0.1')).toMatchObject({ paused: true, retryAfterMs: 1 });
    c.advance(1);
    expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toMatchObject({ paused: true, retryAfterMs: 2_000 });
    // Another login is not held back by Anna's.
    expect(backoff.check('boris', '10.0.0.1')).toEqual({ paused: false });
  });

  it('pauses an address that guesses at many logins, and a right password does not clear the address', () => {
    const c = clock();
    const backoff = backoffOf({ now: c.now, login: { ...RULE, free: 100 }, address: RULE });
    for (let i = 0; i < 4; i += 1) backoff.failed(`login-${i}`, '10.0.0.1');
    expect(backoff.check('someone-new', '10.0.0.1')).toMatchObject({
      paused: true,
      by: 'address',
      retryAfterMs: 1_000,
    });
    expect(backoff.check('someone-new', '10.0.0.2')).toEqual({ paused: false });
    backoff.succeeded('someone-new');
    expect(backoff.check('someone-new', '10.0.0.1')).toMatchObject({ paused: true, by: 'address' });
  });

  it('skips the address rule for the hub’s own machine (a local proxy), not the login rule', () => {
    const c = clock();
    const backoff = backoffOf({ now: c.now, login: RULE, address: RULE });
    for (let i = 0; i < 10; i += 1) backoff.failed(`login-${i}`, '127.0.0.1');
    expect(backoff.check('someone-new', '127.0.0.1')).toEqual({ paused: false });
    for (let i = 0; i < 4; i += 1) backoff.failed('anna', '::1');
    expect(backoff.check('anna', '::1')).toMatchObject({ paused: true, by: 'login' });
    for (let i = 0; i < 4; i += 1) backoff.failed(`other-${i}`, '127.0.0.2');
    expect(backoff.check('someone-new', '127.0.0.2')).toMatchObject({ paused: true, by: 'address' });
  });

  it('gives the longer of the two waits', () => {
    const c = clock();
    const backoff = backoffOf({ now: c.now, login: RULE, address: { ...RULE, free: 5 } });
    for (let i = 0; i < 7; i += 1) {
      backoff.failed('anna', '10.0.0.1');
      c.advance(10_000);
    }
    // login: 7 failures → 8 s; address: 7 failures → 2 s.
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toMatchObject({ by: 'login', retryAfterMs: 8_000 });
  });

  it('a right password starts the login again from zero', () => {
    const c = clock();
    const backoff = backoffOf({ now: c.now, login: RULE, address: { ...RULE, free: 100 } });
    for (let i = 0; i < 3; i += 1) backoff.failed('anna', '10.0.0.1');
    backoff.succeeded('anna');
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
  });

  it('forgets quiet counts, and sweeps them from the store now and then', () => {
    const c = clock();
    const store = makeStore();
    const backoff = backoffOf({ now: c.now, login: RULE, address: RULE, forgetAfterMs: 60_000 }, store);
    for (let i = 0; i < 4; i += 1) backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toMatchObject({ paused: true });
    c.advance(59_999);
    backoff.failed('boris', '10.0.0.2');
    // Not yet forgotten: Anna's fifth failure counts on from four.
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toMatchObject({ paused: true, failures: 5 });
    c.advance(60_000);
    // Forgotten: the count starts again, so one more failure is free.
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
    // That failure swept Boris's rows (quiet for a minute); Anna's two were just written again.
    expect(store.size()).toBe(2);
  });

  it('never forgets a count while its wait runs, even with a short forget-after', () => {
    const c = clock();
    const backoff = backoffOf({ now: c.now, login: RULE, address: RULE, forgetAfterMs: 1_000 });
    for (let i = 0; i < 7; i += 1) backoff.failed('anna', '10.0.0.1');
    c.advance(7_999);
    expect(backoff.check('anna', '10.0.0.1')).toMatchObject({ paused: true, retryAfterMs: 1 });
  });

  it('counts failures from two back-offs on one store as one (two hub instances)', () => {
    const c = clock();
    const store = makeStore();
    const here = backoffOf({ now: c.now, login: RULE, address: { ...RULE, free: 100 } }, store);
    const there = backoffOf({ now: c.now, login: RULE, address: { ...RULE, free: 100 } }, store);
    here.failed('anna', '10.0.0.1');
    there.failed('anna', '10.0.0.2');
    here.failed('anna', '10.0.0.3');
    there.failed('anna', '10.0.0.1');
    expect(here.check('anna', '10.0.0.9')).toEqual({ paused: true, by: 'login', retryAfterMs: 1_000, failures: 4 });
    there.succeeded('anna');
    expect(here.check('anna', '10.0.0.9')).toEqual({ paused: false });
  });
});

describe('HashQueue', () => {
  it('runs `concurrency` jobs, lets `maxWaiting` wait and refuses the next at once', async () => {
    const queue = new HashQueue({ concurrency: 2, maxWaiting: 3 });
    const releases: (() => void)[] = [];
    const job = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
    const accepted = Array.from({ length: 5 }, () => queue.run(job));
    expect(queue.load()).toEqual({ running: 2, waiting: 3 });
    await expect(queue.run(job)).rejects.toBeInstanceOf(HashQueueFull);
    await expect(queue.run(job)).rejects.toMatchObject({ code: 'hub_busy', params: { seconds: 2 } });
    // Each finished job hands its slot to the next waiter.
    for (let i = 0; i < 5; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    await expect(Promise.all(accepted)).resolves.toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(queue.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a job fails', async () => {
    const queue = new HashQueue({ concurrency: 1, maxWaiting: 0 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});

describe('password cost', () => {
  it('is OWASP’s scrypt guidance, and lower-cost or unreadable hashes are due for a rehash', () => {
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(needsRehash('scrypt$16384$8$1$c2FsdA$aGFzaA')).toBe(true);
    expect(needsRehash('scrypt$131072$8$1$c2FsdA$aGFzaA')).toBe(false);
    expect(needsRehash('bcrypt$whatever')).toBe(true);
    // A damaged row cannot ask for gigabytes.
    expect(costOf('scrypt$1073741824$8$1$c2FsdA$aGFzaA')).toBeNull();
    expect(costOf('scrypt$1000$8$1$c2FsdA$aGFzaA')).toBeNull();
  });
});

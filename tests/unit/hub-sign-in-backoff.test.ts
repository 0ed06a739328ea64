/** Sign-in back-off and the hashing queue, on an injected clock (decision 0025). */
import { describe, expect, it } from 'vitest';
import { HashQueue, HashQueueFull } from '../../src/server/auth/hashQueue.js';
import { costOf, needsRehash, PASSWORD_COST } from '../../src/server/auth/passwords.js';
import { SignInBackoff, waitAfter, type BackoffRule } from '../../src/server/auth/signInBackoff.js';

const RULE: BackoffRule = { free: 3, baseMs: 1_000, maxMs: 8_000 };

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('waitAfter', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => waitAfter(RULE, n))).toEqual([
      0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });
});

describe('SignInBackoff', () => {
  it('pauses a login after its free failures, for the doubling wait, and lets it try when the wait is over', () => {
    const c = clock();
    const backoff = new SignInBackoff({ now: c.now, login: RULE, address: { ...RULE, free: 100 } });
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
    const backoff = new SignInBackoff({ now: c.now, login: { ...RULE, free: 100 }, address: RULE });
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
    const backoff = new SignInBackoff({ now: c.now, login: RULE, address: RULE });
    for (let i = 0; i < 10; i += 1) backoff.failed(`login-${i}`, '127.0.0.1');
    expect(backoff.check('someone-new', '127.0.0.1')).toEqual({ paused: false });
    for (let i = 0; i < 4; i += 1) backoff.failed('anna', '::1');
    expect(backoff.check('anna', '::1')).toMatchObject({ paused: true, by: 'login' });
    for (let i = 0; i < 4; i += 1) backoff.failed(`other-${i}`, '127.0.0.2');
    expect(backoff.check('someone-new', '127.0.0.2')).toMatchObject({ paused: true, by: 'address' });
  });

  it('gives the longer of the two waits', () => {
    const c = clock();
    const backoff = new SignInBackoff({ now: c.now, login: RULE, address: { ...RULE, free: 5 } });
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
    const backoff = new SignInBackoff({ now: c.now, login: RULE, address: { ...RULE, free: 100 } });
    for (let i = 0; i < 3; i += 1) backoff.failed('anna', '10.0.0.1');
    backoff.succeeded('anna');
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
  });

  it('forgets quiet entries and keeps at most maxEntries', () => {
    const c = clock();
    const backoff = new SignInBackoff({
      now: c.now,
      login: RULE,
      address: RULE,
      forgetAfterMs: 60_000,
      maxEntries: 10,
    });
    for (let i = 0; i < 4; i += 1) backoff.failed('anna', '10.0.0.1');
    c.advance(60_000);
    // Forgotten: the count starts again, so one more failure is free.
    backoff.failed('anna', '10.0.0.1');
    expect(backoff.check('anna', '10.0.0.1')).toEqual({ paused: false });
    for (let i = 0; i < 50; i += 1) backoff.failed(`login-${i}`, `10.0.1.${i}`);
    expect(backoff.size()).toBe(10);
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

/**
 * The sign-in back-off is kept in the hub's database (decision 0053): failures counted before a
 * restart still pause the login after it, and the wait doubles on from the stored count. (Two
 * instances on one database counting together: hub-cluster.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import { LOGIN_RULE, waitAfter } from '../../src/server/auth/signInBackoff.js';
import { ADMIN_PASSWORD, api, removeTempDirs, startHub, type ApiReply } from './hub-harness.js';

beforeAll(() => {
  process.env.OKNO_TEST_FAST_PASSWORDS = '1';
});
afterAll(() => {
  delete process.env.OKNO_TEST_FAST_PASSWORDS;
  removeTempDirs();
});

function tryLogin(hubUrl: string, password: string): Promise<ApiReply> {
  return api(hubUrl, SYNC_API.login, { json: { login: 'admin', password } });
}

describe('sign-in back-off across a restart', { timeout: 60_000 }, () => {
  it('pauses after a restart the login that failed before it, and the wait doubles on from there', async () => {
    let offset = 0;
    const now = () => Date.now() + offset;
    const failures = LOGIN_RULE.free + 6;
    const first = await startHub({ now, clockMs: 0 });
    try {
      for (let failure = 1; failure <= failures; failure++) {
        expect((await tryLogin(first.url, `guess-${failure}`)).status).toBe(401);
        // Past each wait but the last, so every guess is checked and counted.
        if (failure < failures) offset += waitAfter(LOGIN_RULE, failure);
      }
    } finally {
      await first.close();
    }
    const wait = waitAfter(LOGIN_RULE, failures);
    expect(wait).toBe(32_000);

    const again = await startHub({ now, clockMs: 0, dataDir: first.dataDir });
    try {
      const paused = await tryLogin(again.url, ADMIN_PASSWORD);
      expect(paused.status).toBe(429);
      expect(paused.body.error).toMatchObject({ code: 'sign_in_paused', params: { by: 'login' } });
      expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(20);
      offset += wait;
      // One more wrong password: the count goes on from the stored one, so the wait doubles.
      expect((await tryLogin(again.url, 'one more guess')).status).toBe(401);
      const longer = await tryLogin(again.url, ADMIN_PASSWORD);
      expect(longer.status).toBe(429);
      expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(60);
      offset += waitAfter(LOGIN_RULE, failures + 1);
      expect((await tryLogin(again.url, ADMIN_PASSWORD)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});

/**
 * Sign-in and sessions against a real hub on loopback (decision 0025): the guessing probe is
 * slowed per login before any hash, a burst beyond the hashing queue is refused at once, old-cost
 * hashes are upgraded at sign-in, sign-out and an administrator's changes end sessions — a live
 * socket too — and a session ends by its lifetime (the hub's clock injected).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { SessionState } from '../../src/shared/contract.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { accountsApi } from '../../src/shared/hubApi/accountsApi.js';
import { fillPath } from '../../src/shared/hubApi/endpoint.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { SESSION_MAX_AGE_MS } from '../../src/server/auth/sessions.js';
import { hashSecret } from '../../src/server/auth/tokens.js';
import { SessionsRepo } from '../../src/server/storage/sessionsRepo.js';
import { addAgent as addTestAgent, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import { api, login, openLive, removeTempDirs, startHub, type ApiReply, type Loose } from './hub-harness.js';
import { openHubDatabase } from '../support/testDatabase.js';

afterAll(() => removeTempDirs());

const PASSWORD = 'correct horse battery';

async function addAgent(hubUrl: string, admin: string, loginName: string, role = 'agent'): Promise<string> {
  const reply = await api(hubUrl, '/api/v1/agents', {
    token: admin,
    json: { login: loginName, name: loginName, password: PASSWORD, role },
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

function tryLogin(hubUrl: string, loginName: string, password: string): Promise<ApiReply> {
  return api(hubUrl, SYNC_API.login, { json: { login: loginName, password } });
}

/** A sign-in from a chosen loopback address (127.0.0.x), as a client elsewhere on the network would. */
function tryLoginFrom(
  hubUrl: string,
  localAddress: string,
  loginName: string,
  password: string,
): Promise<{ status: number; body: Loose; headers: http.IncomingHttpHeaders }> {
  const body = JSON.stringify({ login: loginName, password });
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(SYNC_API.login, hubUrl),
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text), headers: response.headers }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function pull(hubUrl: string, token: string): Promise<ApiReply> {
  return api(hubUrl, `${SYNC_API.pull}?after=0`, { token });
}

type Row = keyof typeof accountsApi;
function account(hubUrl: string, token: string, row: Row, id?: string, json: unknown = {}): Promise<ApiReply> {
  const { method, path: route } = accountsApi[row];
  return api(hubUrl, fillPath(route, id ? { id } : {}), { method, token, json });
}

/** Resolves with the close code and reason once the socket closes (rejects after `ms`). */
function closed(socket: WebSocket, ms = 10_000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: String(reason) });
    });
  });
}

describe('sign-in guessing', { timeout: 180_000 }, () => {
  it('pauses a login after a few wrong passwords: 429 with Retry-After and a reason, the right password too', async () => {
    const hub = await startHub();
    try {
      const admin = await login(hub.url);
      await addAgent(hub.url, admin, 'probe');
      const statuses: number[] = [];
      let paused: ApiReply | null = null;
      for (let i = 0; i < 50; i += 1) {
        const reply = await tryLogin(hub.url, 'probe', `guess-${i}`);
        statuses.push(reply.status);
        if (reply.status === 429) paused ??= reply;
      }
      // Five free tries are checked; after them the login waits, and tries in the wait cost no hash
      // (each 401 is one hash, so at most a few were made for fifty tries).
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(42);
      expect(Number(paused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(paused?.body.error).toMatchObject({ code: 'sign_in_paused', params: { by: 'login' } });
      expect(paused?.body.error.message).toMatch(
        /too many failed sign-ins for this login; sign-in is paused for \d+ s/,
      );
      // The right password is refused while the login waits (a guesser learns nothing from it).
      const right = await tryLogin(hub.url, 'probe', PASSWORD);
      expect(right.status).toBe(429);
      expect(right.body.error.code).toBe('sign_in_paused');
      // "Probe" is the same login (logins compare case-insensitively).
      expect((await tryLogin(hub.url, 'PROBE', PASSWORD)).status).toBe(429);
      // Other logins from the same address still sign in.
      expect((await tryLogin(hub.url, 'admin', 'admin-password-for-tests')).status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('pauses an address that guesses at many logins (the hub’s own 127.0.0.1 is exempt: a local proxy)', async () => {
    process.env.OKNO_TEST_FAST_PASSWORDS = '1';
    const hub = await startHub();
    try {
      const from = (address: string, loginName: string) => tryLoginFrom(hub.url, address, loginName, 'wrong-password');
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1) statuses.push((await from('127.0.0.2', `sprayed-${i}`)).status);
      expect(statuses).toEqual(Array(21).fill(401));
      const paused = await from('127.0.0.2', 'someone-new');
      expect(paused.status).toBe(429);
      expect(paused.body.error).toMatchObject({ code: 'sign_in_paused', params: { by: 'address' } });
      expect(paused.body.error.message).toMatch(/too many failed sign-ins from this address/);
      expect(Number(paused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Another address, and the hub's own machine, are not held back by it.
      expect((await from('127.0.0.3', 'someone-new')).status).toBe(401);
      for (let i = 0; i < 25; i += 1) await from('127.0.0.1', `local-${i}`);
      expect((await from('127.0.0.1', 'someone-else')).status).toBe(401);
    } finally {
      delete process.env.OKNO_TEST_FAST_PASSWORDS;
      await hub.close();
    }
  });

  it('refuses a burst beyond the hashing queue at once with 503 hub_busy and Retry-After', async () => {
    const hub = await startHub();
    try {
      const timed = async (i: number) => {
        const started = Date.now();
        const reply = await tryLogin(hub.url, `nobody-${i}`, 'wrong-password');
        return { reply, ms: Date.now() - started };
      };
      const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => timed(i)));
      const busy = replies.filter((r) => r.reply.status === 503);
      const checked = replies.filter((r) => r.reply.status === 401);
      // Two hashes run and sixteen wait; the rest are refused, none left waiting.
      expect(checked.length).toBe(18);
      expect(busy.length).toBe(22);
      expect(busy[0]?.reply.body.error.code).toBe('hub_busy');
      expect(busy[0]?.reply.body.error.message).toMatch(/checking too many passwords at once/);
      expect(busy[0]?.reply.headers.get('retry-after')).toBe('2');
      // Refusals come back before even one queued hash has had its turn.
      const slowestRefusal = Math.max(...busy.map((r) => r.ms));
      const slowestCheck = Math.max(...checked.map((r) => r.ms));
      expect(slowestRefusal).toBeLessThan(slowestCheck / 2);
    } finally {
      await hub.close();
    }
  });
});

describe('password hashes', { timeout: 180_000 }, () => {
  it('upgrades an old-cost hash to the current cost at the next sign-in', async () => {
    const hub = await startHub();
    try {
      const admin = await login(hub.url);
      const id = await addAgent(hub.url, admin, 'olga');
      const db = openHubDatabase(hub.dataDir);
      try {
        const old = await hashPassword(PASSWORD, { N: 16384, r: 8, p: 1 });
        db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?').run(old, id);
        const stored = () =>
          (db.prepare('SELECT password_hash FROM agents WHERE id = ?').get(id) as { password_hash: string })
            .password_hash;
        expect(stored()).toMatch(/^scrypt\$16384\$8\$1\$/);
        expect((await tryLogin(hub.url, 'olga', PASSWORD)).status).toBe(200);
        expect(stored()).toMatch(/^scrypt\$131072\$8\$1\$/);
        expect((await tryLogin(hub.url, 'olga', PASSWORD)).status).toBe(200);
        expect((await tryLogin(hub.url, 'olga', 'not the password')).status).toBe(401);
      } finally {
        db.close();
      }
    } finally {
      await hub.close();
    }
  });
});

describe('sessions', { timeout: 180_000 }, () => {
  it('sign-out ends the token on the hub and closes its live socket', async () => {
    const hub = await startHub();
    try {
      const token = await login(hub.url);
      const other = await login(hub.url);
      const { live } = await openLive(hub.url, token);
      const closing = closed(live.socket);
      const out = await account(hub.url, token, 'signOut');
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ signedOut: true });
      expect(await closing).toEqual({ code: 4401, reason: 'signed out' });
      // What a cluster instance asks of the sockets it holds (decision 0053): which sessions still exist.
      const db = openHubDatabase(hub.dataDir);
      try {
        expect(new SessionsRepo(db).existing([hashSecret(token), hashSecret(other), 'no-such-session'])).toEqual(
          new Set([hashSecret(other)]),
        );
      } finally {
        db.close();
      }
      const after = await pull(hub.url, token);
      expect(after.status).toBe(401);
      expect(after.body.error.message).toMatch(/signed out or ended/);
      // Only that session ended.
      expect((await pull(hub.url, other)).status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    let offset = 0;
    const hub = await startHub({ now: () => Date.now() + offset });
    try {
      const token = await login(hub.url);
      for (const step of [1, 4, 8, 11]) {
        offset = step * 60 * 60_000;
        expect((await pull(hub.url, token)).status).toBe(200);
      }
      offset = SESSION_MAX_AGE_MS + 1;
      const ended = await pull(hub.url, token);
      expect(ended.status).toBe(401);
      expect(ended.body.error.message).toMatch(/maximum lifetime/);
      expect((await pull(hub.url, await login(hub.url))).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});

describe('administrators and accounts', { timeout: 180_000 }, () => {
  it('disabling an agent ends all their sessions at once, a live socket too; enabling lets them in again', async () => {
    const hub = await startHub();
    try {
      const admin = await login(hub.url);
      const dora = await addAgent(hub.url, admin, 'dora');
      await addAgent(hub.url, admin, 'lena', 'lead');
      const first = await login(hub.url, 'dora', PASSWORD);
      const second = await login(hub.url, 'dora', PASSWORD);
      const { live } = await openLive(hub.url, first);

      const lead = await login(hub.url, 'lena', PASSWORD);
      const byLead = await account(hub.url, lead, 'disableAgent', dora);
      expect(byLead.status).toBe(403);
      expect(byLead.body.error.code).toBe('forbidden');

      // Disabling hashes nothing: the socket closes within a few seconds even on a busy machine.
      const closing = closed(live.socket, 5_000);
      const disabled = await account(hub.url, admin, 'disableAgent', dora);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ account: { id: dora, disabled: true }, sessionsEnded: 2 });
      expect(await closing).toEqual({ code: 4401, reason: 'an administrator disabled this account' });
      for (const token of [first, second]) expect((await pull(hub.url, token)).status).toBe(401);

      const refused = await tryLogin(hub.url, 'dora', PASSWORD);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('account_disabled');
      // A wrong password says only that it is wrong: being disabled is no oracle for guessers.
      expect((await tryLogin(hub.url, 'dora', 'wrong password')).body.error.code).toBe('invalid_credentials');

      const team = await api(hub.url, '/api/v1/team', { token: admin });
      expect(team.body.agents.find((a: { id: string }) => a.id === dora)).toMatchObject({
        disabled: true,
        status: 'offline',
      });

      const adminId = (await api(hub.url, '/api/v1/team', { token: admin })).body.agents.find(
        (a: { login: string }) => a.login === 'admin',
      ).id as string;
      const own = await account(hub.url, admin, 'disableAgent', adminId);
      expect(own.status).toBe(409);
      expect(own.body.error.message).toMatch(/your own account/);

      const enabled = await account(hub.url, admin, 'enableAgent', dora);
      expect(enabled.body).toMatchObject({ account: { disabled: false } });
      expect((await tryLogin(hub.url, 'dora', PASSWORD)).status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('an administrator sets a new password (sessions end); an agent changes their own (other sessions end)', async () => {
    const hub = await startHub();
    try {
      const admin = await login(hub.url);
      const vera = await addAgent(hub.url, admin, 'vera');
      const before = await login(hub.url, 'vera', PASSWORD);

      const short = await account(hub.url, admin, 'setAgentPassword', vera, { newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.error.issues).toEqual([expect.objectContaining({ path: 'newPassword' })]);

      const set = await account(hub.url, admin, 'setAgentPassword', vera, { newPassword: 'set by the admin' });
      expect(set.status).toBe(200);
      expect(set.body.sessionsEnded).toBe(1);
      expect(set.body.account.passwordChangedAt).toEqual(expect.any(Number));
      expect((await pull(hub.url, before)).status).toBe(401);
      expect((await tryLogin(hub.url, 'vera', PASSWORD)).status).toBe(401);

      const here = await login(hub.url, 'vera', 'set by the admin');
      const elsewhere = await login(hub.url, 'vera', 'set by the admin');
      const { live } = await openLive(hub.url, elsewhere);

      const wrong = await account(hub.url, here, 'changePassword', undefined, {
        currentPassword: 'not it',
        newPassword: 'my own password',
      });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('wrong_password');
      expect(wrong.body.error.issues).toEqual([expect.objectContaining({ path: 'currentPassword' })]);

      const closing = closed(live.socket, 60_000);
      const changed = await account(hub.url, here, 'changePassword', undefined, {
        currentPassword: 'set by the admin',
        newPassword: 'my own password',
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ changed: true, sessionsEnded: 1 });
      expect((await closing).code).toBe(4401);
      expect((await pull(hub.url, here)).status).toBe(200);
      expect((await pull(hub.url, elsewhere)).status).toBe(401);
      expect((await tryLogin(hub.url, 'vera', 'set by the admin')).status).toBe(401);
      expect((await tryLogin(hub.url, 'vera', 'my own password')).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});

describe('the app', { timeout: 180_000 }, () => {
  // The agent harness gives a sign-in 3 s: hashes are made fast here (the cost is tested above).
  beforeAll(() => {
    process.env.OKNO_TEST_FAST_PASSWORDS = '1';
  });
  afterAll(() => {
    delete process.env.OKNO_TEST_FAST_PASSWORDS;
  });

  it('signs out on the hub, is signed out within seconds when disabled, and changes its password', async () => {
    const hub = await startHub();
    const db = openHubDatabase(hub.dataDir);
    let agent: TestAgent | null = null;
    try {
      const admin = await login(hub.url);
      await addTestAgent(hub.url, admin, 'mira', 'Mira');
      const sessionsOf = () =>
        (
          db
            .prepare("SELECT count(*) AS n FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE a.login = 'mira'")
            .get() as { n: number }
        ).n;
      agent = await startAgent(hub.url, 'mira', 'mira-password');
      const { id } = (await agent.call<SessionState>('session.get')).agent!;
      expect(sessionsOf()).toBe(1);

      // Sign-out in the app ends the session on the hub too.
      await agent.call('session.signOut');
      expect(sessionsOf()).toBe(0);

      const proxyUrl = agent.proxy.url;
      await agent.call('session.signIn', { hubUrl: proxyUrl, login: 'mira', password: 'mira-password' });
      await waitFor('online', async () => (await agent!.connection()).status === 'online');

      const wrong = agent.call('account.changePassword', { currentPassword: 'nope', newPassword: 'mira-new-password' });
      await expect(wrong).rejects.toMatchObject({ code: 'wrong_password' });
      await agent.call('account.changePassword', {
        currentPassword: 'mira-password',
        newPassword: 'mira-new-password',
      });
      expect((await agent.connection()).status).toBe('online');

      // Disabled mid-shift: the hub closes the live socket, the app's reconnect is refused, it signs out.
      const started = Date.now();
      expect((await account(hub.url, admin, 'disableAgent', id)).status).toBe(200);
      await waitFor('signed out', async () => !(await agent!.call<SessionState>('session.get')).signedIn, 10_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await agent.connection()).status).toBe('signed_out');
      const again = agent.call('session.signIn', { hubUrl: proxyUrl, login: 'mira', password: 'mira-new-password' });
      await expect(again).rejects.toMatchObject({ code: 'account_disabled' });

      // Guessing from the app: the sign-in screen gets the back-off's own code (worded in en/ru).
      const guess = (password: string) =>
        agent!.call('session.signIn', { hubUrl: proxyUrl, login: 'mira', password }).then(
          () => 'signed in',
          (error: { code: string }) => error.code,
        );
      const codes: string[] = [];
      while (codes.length < 12 && codes.at(-1) !== 'sign_in_paused') codes.push(await guess(`guess-${codes.length}`));
      expect(codes.slice(0, 5)).toEqual(Array(5).fill('invalid_credentials'));
      expect(codes.at(-1)).toBe('sign_in_paused');
    } finally {
      await agent?.close();
      db.close();
      await hub.close();
    }
  });
});

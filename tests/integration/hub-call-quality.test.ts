/**
 * Call quality on a real hub (decision 0040): the figures an agent's app sends with the call record are
 * stored with the call (once, however often the push is retried), summarized per agent for a period
 * (hand-computed below), shown to leads only; bad figures and a bad period are refused by name.
 * Migration 21 is checked on its own: what was there is kept and the table refuses impossible figures.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { CallQualityRepo } from '../../src/server/storage/callQualityRepo.js';
import { api, removeTempDirs, tempDir, type Loose } from './hub-harness.js';
import { addAgent } from './hub-routing-support.js';
import { callLog, STATS_START as START, statsHubs } from './hub-stats-support.js';

let clock = START;
const { startStatsHub: setup } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });
afterAll(() => removeTempDirs());

const quality = (over: Loose) => ({
  samples: 10,
  mosAvg: 4.4,
  mosWorst: 4.3,
  packets: 1000,
  lost: 0,
  lossPercent: 0,
  jitterMs: 2,
  rttMs: 20,
  poor: false,
  ...over,
});

async function push(hubUrl: string, token: string, mutation: Loose) {
  const pushed = await api(hubUrl, SYNC_API.push, { token, json: { mutations: [mutation] } });
  return pushed;
}

describe('call quality on the hub', () => {
  it('stores the agent figures with the call and sums them up per agent for leads', async () => {
    const { hub, admin } = await setup();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const bob = await addAgent(hub.url, admin, 'bob', 'Bob');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    const call = (at: number, q: Loose) =>
      callLog({ startedAt: at, answeredAt: at + 1000, endedAt: at + 60_000, quality: quality(q) });

    // Ann: three calls in the period. MOS 4.4, 3.0 (poor), 4.2 → mean 3.8667; poor 1/3;
    // jitter 2, 30, 10 → 14; loss 0, 6, 0.5 → 2.1667; RTT 20, 120, null → 70.
    const annCalls = [
      call(START, {}),
      call(START + 100_000, {
        mosAvg: 3.0,
        mosWorst: 2.5,
        lost: 60,
        lossPercent: 6,
        jitterMs: 30,
        rttMs: 120,
        poor: true,
      }),
      call(START + 200_000, { mosAvg: 4.2, lost: 5, lossPercent: 0.5, jitterMs: 10, rttMs: null }),
    ];
    for (const c of annCalls) expect((await push(hub.url, ann.token, c)).body.results[0].outcome).toBe('applied');
    // Bob: one call in the period, one a day later (outside it), one without figures (not counted).
    await push(hub.url, bob.token, call(START + 300_000, { mosAvg: 4.0, jitterMs: 4, lossPercent: 1, rttMs: 40 }));
    await push(hub.url, bob.token, call(START + 86_400_000, { mosAvg: 1.5, poor: true }));
    await push(hub.url, bob.token, callLog({ startedAt: START, answeredAt: START + 1, endedAt: START + 2 }));
    // A retried push of Ann's first call changes nothing.
    expect((await push(hub.url, ann.token, annCalls[0])).body.results[0].outcome).not.toBe('rejected');

    const period = `from=${START}&to=${START + 3_600_000}`;
    const reply = await api(hub.url, `/api/v1/call-quality/summary?${period}`, { token: lead.token });
    expect(reply.status).toBe(200);
    const [a, b, ...rest] = reply.body.agents as Loose[];
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ agentName: 'Ann', calls: 3, engineCalls: 0, engineLossPercent: null });
    expect(a.mosAvg).toBeCloseTo(3.8667, 4);
    expect(a.poorShare).toBeCloseTo(1 / 3, 6);
    expect(a.jitterMs).toBeCloseTo(14, 6);
    expect(a.lossPercent).toBeCloseTo(2.1667, 4);
    expect(a.rttMs).toBeCloseTo(70, 6);
    expect(b).toMatchObject({
      agentName: 'Bob',
      calls: 1,
      mosAvg: 4,
      poorShare: 0,
      jitterMs: 4,
      lossPercent: 1,
      rttMs: 40,
    });

    // Stored with the call: the thread's figures.
    const byThread = await api(hub.url, `/api/v1/call-quality/threads/${annCalls[1].threadId}`, { token: lead.token });
    expect(byThread.body.calls).toEqual([
      expect.objectContaining({
        source: 'agent',
        agentId: ann.id,
        summary: expect.objectContaining({ mosAvg: 3, poor: true }),
      }),
    ]);

    // Leads only; a period that ends before it starts is refused by name.
    expect((await api(hub.url, `/api/v1/call-quality/summary?${period}`, { token: ann.token })).status).toBe(403);
    const backwards = await api(hub.url, `/api/v1/call-quality/summary?from=${START}&to=${START - 1}`, {
      token: lead.token,
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('the period must end after it starts');
  });

  it('refuses a call record whose figures are impossible, naming them', async () => {
    const { hub, admin } = await setup();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const bad = await push(
      hub.url,
      ann.token,
      callLog({ startedAt: START, answeredAt: START + 1, endedAt: START + 2, quality: quality({ mosAvg: 7 }) }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('mosAvg');
  });
});

describe('hub migration 21: call quality', () => {
  it('keeps what was there; the table takes both sources and refuses impossible figures', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    const log = createLogger('test');
    migrate(db, log, MIGRATIONS, 20);
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES ('01900000-0000-7000-8000-0000000000a1', 'anna', 'Anna', 'agent', 'ready', 1, 'h', 100, 200)`,
    ).run();
    migrate(db, log, MIGRATIONS, 21);
    expect(schemaVersion(db)).toBe(21);
    expect(db.prepare('SELECT name FROM agents').get()).toEqual({ name: 'Anna' });
    const repo = new CallQualityRepo(db);
    const base = { threadId: null, agentId: '01900000-0000-7000-8000-0000000000a1', callId: 'c1', endedAt: 5 };
    const summary = quality({});
    expect(repo.save({ ...base, id: 'x1', source: 'agent', summary })).toBe(true);
    expect(repo.save({ ...base, id: 'x1', source: 'agent', summary })).toBe(false);
    const legs = [{ tag: 'ft', packets: 300, lost: 75, jitterMs: null, mos: null }];
    repo.save({ ...base, id: 'x2', source: 'rtpengine', summary: quality({ mosAvg: null, lossPercent: 25 }), legs });
    expect(repo.summary(0, 10)).toEqual([
      expect.objectContaining({ agentName: 'Anna', calls: 1, engineCalls: 1, engineLossPercent: 25 }),
    ]);
    expect(() => repo.save({ ...base, id: 'x3', source: 'agent', summary: quality({ lossPercent: 120 }) })).toThrow(
      /CHECK/,
    );
    db.close();
  });
});

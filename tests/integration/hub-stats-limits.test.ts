/**
 * How much of the stats one request may read: an agent asks for at most 7 days (leads and admins
 * 62), is refused with the limit named, and their period is read by agent in SQL — the same figures
 * as their row of the whole floor, without reading anyone else's rows. Migration 11 fills the agent
 * of the rows computed before it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PERIOD_DAYS } from '../../src/server/stats/periodLimits.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { createLogger } from '../../src/shared/log.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, tempDir, type Loose } from './hub-harness.js';
import { addAgent, setStatus } from './hub-routing-support.js';
import { callLog, STATS_START as START, statsHubs } from './hub-stats-support.js';
import { openHubDatabase } from '../support/testDatabase.js';

let clock = START;
const { startStatsHub } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });
const DAY_MS = 86_400_000;
/** The week that ends on the stats tests' day (2026-11-25). */
const WEEK = 'day=2026-11-19&days=7';

async function push(hubUrl: string, token: string, ...mutations: Loose[]) {
  const reply = await api(hubUrl, SYNC_API.push, { token, json: { mutations } });
  expect(reply.body.results.map((r: Loose) => r.outcome)).toEqual(mutations.map(() => 'applied'));
}

describe('stats limits per role', () => {
  it('an agent is refused more than 7 days, reads only their own rows, and a lead is unaffected', async () => {
    const { hub, admin } = await startStatsHub();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const bob = await addAgent(hub.url, admin, 'bob', 'Bob');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    await setStatus(hub.url, ann, 'ready');
    await setStatus(hub.url, bob, 'ready');
    const call = (startedAt: number, answeredAfter: number | null, talk: number) =>
      callLog({
        startedAt,
        answeredAt: answeredAfter === null ? null : startedAt + answeredAfter,
        endedAt: startedAt + (answeredAfter ?? 0) + talk,
      });
    // Ann: two answered calls (today and three days ago) and one nobody answered; Bob: one answered call.
    await push(
      hub.url,
      ann.token,
      call(START - 3 * DAY_MS, 5_000, 60_000),
      call(START + 1_000, 12_000, 90_000),
      call(START + 2_000, null, 8_000),
    );
    await push(hub.url, bob.token, call(START + 3_000, 30_000, 240_000));

    // More than a week: refused, naming the limit, for the period and for the exports.
    expect(MAX_PERIOD_DAYS).toEqual({ agent: 7, lead: 62, admin: 62 });
    const refused = await api(hub.url, '/api/v1/stats?days=62', { token: ann.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', params: { maxDays: 7, days: 62 } });
    expect(refused.body.error.message).toBe(
      'an agent may ask for at most 7 days of figures at once; 62 were asked for',
    );
    for (const url of ['/api/v1/stats?days=8', '/api/v1/stats/export.csv?days=8', '/api/v1/stats/export.xlsx?days=8']) {
      expect((await api(hub.url, url, { token: ann.token })).status, url).toBe(403);
    }
    // Over the API's own maximum, for anyone: a 400 naming the field.
    expect((await api(hub.url, '/api/v1/stats?days=63', { token: lead.token })).status).toBe(400);

    // A week is fine, and it is exactly Ann's row of the floor's figures.
    const own = await api(hub.url, `/api/v1/stats?${WEEK}`, { token: ann.token });
    expect(own.status).toBe(200);
    const floor = await api(hub.url, `/api/v1/stats?${WEEK}`, { token: lead.token });
    expect(floor.status).toBe(200);
    const row = (period: Loose, id: string) => period.byAgent.find((r: Loose) => r.key === id)?.summary;
    expect(own.body.byAgent.map((r: Loose) => r.key)).toEqual([ann.id]);
    expect(own.body.total).toEqual(row(floor.body, ann.id));
    // The call nobody answered is no one's (the floor counts it, Ann's own figures do not).
    expect(own.body.total).toMatchObject({ offered: 2, answered: 2 });
    expect(own.body.byDay.map((r: Loose) => r.summary.offered)).toEqual([1, 1]);
    expect(floor.body.total.offered).toBe(4);

    // Bob's precomputed rows are unreadable now: the floor cannot be read, Ann's week still can.
    const db = openHubDatabase(hub.dataDir);
    try {
      db.prepare("UPDATE stats_contacts SET contact_json = '{not json' WHERE agent_id = ?").run(bob.id);
    } finally {
      db.close();
    }
    expect((await api(hub.url, `/api/v1/stats?${WEEK}`, { token: lead.token })).status).toBe(500);
    const again = await api(hub.url, `/api/v1/stats?${WEEK}`, { token: ann.token });
    expect(again.status).toBe(200);
    expect(again.body.total).toEqual(own.body.total);
  });

  it('leads and admins read 62 days', async () => {
    const { hub, admin } = await startStatsHub();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    await setStatus(hub.url, ann, 'ready');
    await push(hub.url, ann.token, callLog({ startedAt: START, answeredAt: START + 4_000, endedAt: START + 64_000 }));
    for (const token of [lead.token, admin]) {
      const twoMonths = await api(hub.url, '/api/v1/stats?day=2026-10-01&days=62', { token });
      expect(twoMonths.status).toBe(200);
      expect(twoMonths.body.total).toMatchObject({ offered: 1, answered: 1 });
      expect(twoMonths.body.byAgent.map((r: Loose) => r.key)).toEqual([ann.id]);
    }
    const agentsWeek = await api(hub.url, `/api/v1/stats?${WEEK}&agentId=${ann.id}`, { token: lead.token });
    expect(agentsWeek.body.total).toMatchObject({ offered: 1, answered: 1 });
  });
});

describe('hub migration 11: stats rows name their agent', () => {
  it('fills agent_id and the missed offers from the rows computed before it', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    const log = createLogger('test');
    migrate(db, log, MIGRATIONS, 10);
    expect(schemaVersion(db)).toBe(10);
    const contact = (id: string, agentId: string | null, missedBy?: string[]) =>
      JSON.stringify({
        id,
        channel: 'phone',
        agentId,
        groupId: null,
        offeredAt: 1000,
        answeredAt: agentId === null ? null : 2000,
        abandonedAt: null,
        talkMs: 0,
        holdMs: 0,
        afterCallWorkMs: 0,
        transfers: 0,
        csat: null,
        ...(missedBy
          ? {
              queue: {
                outcome: 'answered',
                short: false,
                lineId: null,
                topic: null,
                node: null,
                missedOffers: missedBy.length,
                missedBy,
              },
            }
          : {}),
      });
    // The rows' threads are not what this migration is about: insert the rows alone.
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare('INSERT INTO stats_contacts (thread_id, created_at, contact_json) VALUES (?, ?, ?)');
    insert.run('t1', 1000, contact('t1', 'ann'));
    insert.run('t2', 2000, contact('t2', 'bob', ['ann', 'cid', 'ann']));
    insert.run('t3', 3000, contact('t3', null, ['bob']));
    insert.run('t4', 4000, null);
    db.pragma('foreign_keys = ON');

    migrate(db, log);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare('SELECT thread_id, agent_id FROM stats_contacts ORDER BY thread_id').all()).toEqual([
      { thread_id: 't1', agent_id: 'ann' },
      { thread_id: 't2', agent_id: 'bob' },
      { thread_id: 't3', agent_id: null },
      { thread_id: 't4', agent_id: null },
    ]);
    expect(
      db.prepare('SELECT thread_id, agent_id, created_at FROM stats_missed_offers ORDER BY thread_id, agent_id').all(),
    ).toEqual([
      { thread_id: 't2', agent_id: 'ann', created_at: 2000 },
      { thread_id: 't2', agent_id: 'cid', created_at: 2000 },
      { thread_id: 't3', agent_id: 'bob', created_at: 3000 },
    ]);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT contact_json FROM stats_contacts WHERE agent_id = 'ann' AND created_at >= 0 AND created_at < 5000",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('stats_contacts_by_agent');
    db.close();
  });
});

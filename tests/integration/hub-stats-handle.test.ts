/**
 * The figures issue 8 left open, on a real hub with an injected clock: handle time with hold (from
 * the call record) and after-call work (from the status history), "on call" from the live call
 * state the core reports, "today" in the hub's configured zone (and after the zone changes).
 */
import { describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import { createLogger } from '../../src/shared/log.js';
import { ContactLoader } from '../../src/server/stats/loadContacts.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { api, login, startHub, type Loose } from './hub-harness.js';
import { addAgent, setStatus } from './hub-routing-support.js';
import { callLog, STATS_START as START, statsHubs } from './hub-stats-support.js';
import { testDatabase } from '../support/testDatabase.js';

let clock = START;
const { hubs, startStatsHub: setup } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });

async function push(hubUrl: string, token: string, mutation: Loose) {
  const pushed = await api(hubUrl, SYNC_API.push, { token, json: { mutations: [mutation] } });
  return pushed.body.results[0];
}

describe('handle time, on call and the hub zone', () => {
  it('AHT = talk + hold + after-call work: holds from the call record, wrap-up from the status history', async () => {
    const { hub, admin } = await setup();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    await setStatus(hub.url, ann, 'ready');
    // Rang at 9:00:00, answered at 9:00:10, on hold 9:00:40–9:01:10, ended 9:02:10: talk 90 s, hold 30 s.
    const call = callLog({
      startedAt: START,
      answeredAt: START + 10_000,
      endedAt: START + 130_000,
      holds: [{ from: START + 40_000, to: START + 70_000 }],
    });
    clock = START + 131_000;
    expect((await push(hub.url, ann.token, call)).outcome).toBe('applied');
    // Wrap-up from 9:02:11 to 9:02:56: 45 s.
    await setStatus(hub.url, ann, 'after_call_work');
    clock = START + 176_000;
    await setStatus(hub.url, ann, 'ready');

    const events = await api(hub.url, `/api/v1/threads/${call.threadId}/events`, { token: lead.token });
    expect(events.status).toBe(200);
    expect(events.body.events.filter((e: Loose) => e.kind === 'hold')).toHaveLength(1);

    const stats = await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: lead.token });
    expect(stats.body.total).toMatchObject({ answered: 1, averageHandleTimeMs: 90_000 + 30_000 + 45_000 });
    const now = await api(hub.url, '/api/v1/stats/now', { token: lead.token });
    expect(now.body.today.averageHandleTimeMs).toBe(165_000);

    // A hold that ends before it starts is refused by name.
    const bad = await api(hub.url, SYNC_API.push, {
      token: ann.token,
      json: {
        mutations: [
          callLog({
            startedAt: START,
            answeredAt: START,
            endedAt: START + 1000,
            holds: [{ from: START + 900, to: START }],
          }),
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('a hold must end after it starts');
  });

  it('"on call" is the live call state the core reports, not an open phone thread', async () => {
    const { hub, admin } = await setup();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    await setStatus(hub.url, ann, 'ready');
    // A logged (finished) call leaves an open phone thread: she is not on a call.
    await push(hub.url, ann.token, callLog({ startedAt: START, answeredAt: START + 1000, endedAt: START + 60_000 }));
    const floor = async () => (await api(hub.url, '/api/v1/stats/now', { token: lead.token })).body;
    expect((await floor()).agents.find((a: Loose) => a.agentId === ann.id).status).toBe('ready');

    clock = START + 100_000;
    const up = await api(hub.url, '/api/v1/stats/calls', { token: ann.token, json: { liveCalls: 1 } });
    expect(up.status).toBe(200);
    clock = START + 130_000;
    let now = await floor();
    expect(now.agents.find((a: Loose) => a.agentId === ann.id)).toMatchObject({ status: 'on_call', sinceMs: 30_000 });
    expect(now.byStatus).toMatchObject({ on_call: 1, ready: 0 });

    await api(hub.url, '/api/v1/stats/calls', { token: ann.token, json: { liveCalls: 0 } });
    now = await floor();
    expect(now.byStatus).toMatchObject({ on_call: 0, ready: 1 });

    const bad = await api(hub.url, '/api/v1/stats/calls', { token: ann.token, json: { liveCalls: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('liveCalls');
    expect((await api(hub.url, '/api/v1/stats/calls', { json: { liveCalls: 1 } })).status).toBe(401);
  });

  it('"today" is the calendar day of the hub zone; a new zone gives a new, clearly named day', async () => {
    // 20:00 UTC on the 25th is already 01:30 on the 26th in Kolkata.
    clock = Date.UTC(2026, 10, 25, 20, 0, 0);
    const { hub, admin } = await setup({ timeZone: 'Asia/Kolkata' });
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    // Offered 18:00 UTC (23:30 on the 25th in Kolkata) and 19:00 UTC (00:30 on the 26th).
    for (const startedAt of [Date.UTC(2026, 10, 25, 18), Date.UTC(2026, 10, 25, 19)]) {
      await push(hub.url, ann.token, callLog({ startedAt, answeredAt: startedAt + 5000, endedAt: startedAt + 65_000 }));
    }
    let now = (await api(hub.url, '/api/v1/stats/now', { token: lead.token })).body;
    expect(now).toMatchObject({ timeZone: 'Asia/Kolkata', day: '2026-11-26' });
    expect(now.today.offered).toBe(1);
    const period = (await api(hub.url, '/api/v1/stats', { token: lead.token })).body;
    expect(period).toMatchObject({ timeZone: 'Asia/Kolkata', from: Date.UTC(2026, 10, 25, 18, 30) });
    expect(period.total.offered).toBe(1);

    // The same data under a hub moved to UTC: the 25th, both calls.
    const dataDir = hub.dataDir;
    await hub.close();
    hubs.splice(0);
    const moved = await setup({ timeZone: 'UTC', dataDir });
    const lead2 = await login(moved.hub.url, 'lea', 'password-123');
    now = (await api(moved.hub.url, '/api/v1/stats/now', { token: lead2 })).body;
    expect(now).toMatchObject({ timeZone: 'UTC', day: '2026-11-25' });
    expect(now.today.offered).toBe(2);
    expect(JSON.stringify(now)).not.toContain('NaN');

    // An unknown zone stops the hub at start with a clear error.
    await expect(startHub({ timeZone: 'Mars/Olympus', now: () => clock, clockMs: 0 })).rejects.toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
  });

  it('precomputed contact rows follow every change, and a database without them is caught up at start', async () => {
    const { hub, admin } = await setup();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    await setStatus(hub.url, ann, 'ready');
    await push(hub.url, ann.token, callLog({ startedAt: START, answeredAt: START + 3000, endedAt: START + 60_000 }));
    await push(hub.url, ann.token, callLog({ startedAt: START + 1000, answeredAt: null, endedAt: START + 9000 }));
    const outbound = callLog({ direction: 'outbound', startedAt: START, answeredAt: START, endedAt: START + 1000 });
    await push(hub.url, ann.token, outbound);
    const before = (await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: lead.token })).body;
    expect(before.total).toMatchObject({ offered: 2, answered: 1, abandoned: 1 });

    const dataDir = hub.dataDir;
    await hub.close();
    hubs.splice(0);
    const store = openHubStore(dataDir, () => clock, createLogger('test'), testDatabase(dataDir));
    const loader = new ContactLoader(store.db);
    const day = [START - 3_600_000, START + 86_400_000] as const;
    // The rows written live equal a fresh derivation (the outbound call is a row with no contact).
    expect(loader.contacts(...day)).toEqual(loader.derivedContacts(...day));
    expect(
      store.db.prepare('SELECT contact_json FROM stats_contacts WHERE thread_id = ?').get(outbound.threadId),
    ).toEqual({ contact_json: null });
    store.db.prepare('DELETE FROM stats_contacts').run();
    store.close();

    const restarted = await setup({ dataDir });
    const lead2 = await login(restarted.hub.url, 'lea', 'password-123');
    const after = (await api(restarted.hub.url, '/api/v1/stats?day=2026-11-25', { token: lead2 })).body;
    expect(after.total).toEqual(before.total);
    expect(after.byAgent).toEqual(before.byAgent);
  });
});

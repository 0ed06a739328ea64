/**
 * The hub's figures on a real hub with an injected clock: contacts derived from web-chat threads
 * and logged calls, role checks, bad input, the "now" snapshot and the live stats socket.
 */
import { describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, customerSays, openSocket, openWidget, type Loose } from './hub-harness.js';
import { addAgent, reply, setStatus, threadOfLastMessage } from './hub-routing-support.js';
import { callLog, STATS_START as START, statsHubs } from './hub-stats-support.js';

let clock = START;
const { sockets, startStatsHub } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });

async function setup() {
  clock = START;
  const { hub, admin } = await startStatsHub();
  const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
  const bob = await addAgent(hub.url, admin, 'bob', 'Bob');
  const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
  return { hub, admin, ann, bob, lead };
}

async function customer(hubUrl: string, token: string, text: string): Promise<Loose> {
  const { widget } = await openWidget(hubUrl, {});
  sockets.push(widget);
  await customerSays(widget, text);
  return threadOfLastMessage(hubUrl, token, text);
}

describe('hub stats', () => {
  it('derives offered, answered, abandoned and waiting contacts from the history; auto-replies never answer', async () => {
    const { hub, admin, ann, lead } = await setup();
    await setStatus(hub.url, ann, 'ready');
    const answered = await customer(hub.url, admin, 'first customer');
    clock += 30_000;
    await reply(hub.url, ann, answered.id, 'hello from Ann');
    clock += 60_000;
    const abandoned = await customer(hub.url, admin, 'second customer');
    clock += 4 * 60_000;
    const closed = await api(hub.url, `/api/v1/threads/${abandoned.id}/close`, {
      method: 'POST',
      token: admin,
      json: {},
    });
    expect(closed.status).toBe(200);
    clock += 60_000;
    await customer(hub.url, admin, 'third customer');
    // A missed inbound call (abandoned after 4 s: short) and one answered at exactly 20 s.
    const call = (startedAt: number, answeredAt: number | null, endedAt: number) =>
      callLog({ startedAt, answeredAt, endedAt });
    const pushed = await api(hub.url, SYNC_API.push, {
      token: ann.token,
      json: {
        mutations: [call(START + 1000, null, START + 5000), call(START + 2000, START + 22_000, START + 142_000)],
      },
    });
    expect(pushed.body.results.map((r: Loose) => r.outcome)).toEqual(['applied', 'applied']);

    const stats = await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: lead.token });
    expect(stats.status).toBe(200);
    const total = stats.body.total;
    expect(total).toMatchObject({ offered: 5, answered: 2, abandoned: 2, abandonedShort: 1, waiting: 1 });
    // Handled = 2 + 2 − 1 = 3: both answers inside their thresholds (chat 30 s ≤ 60 s, call exactly 20 s).
    expect(total.serviceLevel).toBeCloseTo(2 / 3);
    expect(total.abandonRate).toBeCloseTo(1 / 3);
    expect(total.averageSpeedOfAnswerMs).toBe(25_000);
    const channels = Object.fromEntries(stats.body.byChannel.map((r: Loose) => [r.key, r.summary.offered]));
    expect(channels).toEqual({ phone: 2, webchat: 3 });
    expect(stats.body.by15min.map((r: Loose) => r.key)).toEqual(['2026-11-25T09:00:00.000Z']);
    const annRow = stats.body.byAgent.find((r: Loose) => r.key === ann.id);
    expect(annRow.summary.answered).toBe(2);

    // An agent reads only their own figures, and not the floor.
    const own = await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: ann.token });
    expect(own.body.byAgent.map((r: Loose) => r.key)).toEqual([ann.id]);
    const other = await api(hub.url, `/api/v1/stats?agentId=${lead.id}`, { token: ann.token });
    expect(other.status).toBe(403);
    expect((await api(hub.url, '/api/v1/stats/now', { token: ann.token })).status).toBe(403);
    expect((await api(hub.url, '/api/v1/stats')).status).toBe(401);

    const csv = await api(hub.url, '/api/v1/stats/export.csv?day=2026-11-25&table=byChannel', { token: lead.token });
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\r\n')[0]).toMatch(/^key,offered,answered/);
    expect(String(csv.body)).toContain('webchat,3,1');
    const xlsx = await fetch(`${hub.url}/api/v1/stats/export.xlsx?table=byAgent`, {
      headers: { authorization: `Bearer ${lead.token}` },
    });
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip
  });

  it('answers bad input with zeros, "no data" or a clear 400, never NaN', async () => {
    const { hub, lead } = await setup();
    const future = await api(hub.url, '/api/v1/stats?day=2031-01-01', { token: lead.token });
    expect(future.status).toBe(200);
    expect(future.body.total).toMatchObject({ offered: 0, serviceLevel: null, abandonRate: null });
    expect(future.body.by15min).toEqual([]);
    expect(JSON.stringify(future.body)).not.toContain('NaN');
    const zone = await api(hub.url, '/api/v1/stats?tz=Mars/Olympus', { token: lead.token });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toContain('time zone');
    expect((await api(hub.url, '/api/v1/stats?day=2026-13-45', { token: lead.token })).status).toBe(400);
    expect((await api(hub.url, '/api/v1/stats?days=0', { token: lead.token })).status).toBe(400);
    const other = await api(hub.url, '/api/v1/stats?tz=Asia/Kolkata', { token: lead.token });
    expect(other.status).toBe(200);
    expect(other.body.from).toBe(Date.UTC(2026, 10, 24, 18, 30));
    const now = await api(hub.url, '/api/v1/stats/now', { token: lead.token });
    expect(now.body).toMatchObject({ queues: [], offeredLastHour: 0, staffing: { agents: 0 } });
    expect(now.body.today.serviceLevel).toBeNull();
  });

  it('the snapshot shows queues, agents by status and the staffing hint, and the live socket pushes changes', async () => {
    const { hub, admin, ann, lead } = await setup();
    await setStatus(hub.url, ann, 'not_ready');
    const live = await openSocket(hub.url, '/api/v1/stats/live', lead.token);
    sockets.push(live);
    const first = await live.next((f: Loose) => f.type === 'stats');
    expect(first.snapshot.queues).toEqual([]);
    await customer(hub.url, admin, 'waiting one');
    const pushed = await live.next((f: Loose) => f.type === 'stats' && f.snapshot.queues.length === 1);
    expect(pushed.snapshot.queues[0]).toMatchObject({ channel: 'webchat', waiting: 1 });
    // The next push reads only the thread that changed (the day's contacts stay in memory).
    await customer(hub.url, admin, 'waiting two');
    const second = await live.next((f: Loose) => f.type === 'stats' && f.snapshot.today.offered === 2);
    expect(second.snapshot.queues[0]).toMatchObject({ channel: 'webchat', waiting: 2 });
    clock += 90_000;
    const now = await api(hub.url, '/api/v1/stats/now', { token: lead.token });
    expect(now.body.queues[0]).toMatchObject({ channel: 'webchat', waiting: 2, oldestWaitMs: 90_000 });
    expect(now.body.byStatus.not_ready).toBe(1);
    expect(now.body.agents.find((a: Loose) => a.agentId === ann.id)).toMatchObject({
      status: 'not_ready',
      sinceMs: 90_000,
    });
    expect(now.body.offeredLastHour).toBe(2);
    expect(now.body.staffing.agents).toBeGreaterThanOrEqual(1);
    // The agent socket refuses agents.
    await expect(openSocket(hub.url, '/api/v1/stats/live', ann.token)).rejects.toThrow();
  });
});

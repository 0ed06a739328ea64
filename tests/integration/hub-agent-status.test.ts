/**
 * Agent statuses on a real hub over HTTP: only ready agents get work, not ready keeps threads,
 * away and offline return them to the queue, after-call work ends on the hub's clock (time is
 * injected), every change is logged with its time, and the roles are enforced by the hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, login, openLive, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, events, setStatus, thread, waitFor, type TeamAgent } from './hub-routing-support.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
let now = T0;
let hub: Hub;
let admin: string;
let lead: TeamAgent;
let anna: TeamAgent;
let boris: TeamAgent;
const widgets: { socket: { terminate(): void } }[] = [];

async function agentState(agent: TeamAgent): Promise<Loose> {
  const pull = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin });
  return (pull.body.changes as Loose[]).find((c) => c.entity === 'agent' && c.data.id === agent.id)!.data;
}

async function writes(text: string): Promise<Loose> {
  const { widget, thread: t } = await customerWrites(hub.url, admin, text);
  widgets.push(widget);
  return t;
}

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, clockMs: 0, now: () => now, offlineGraceMs: 50 });
  admin = await login(hub.url);
  lead = await addAgent(hub.url, admin, 'lena', 'Lena Lead', 'lead');
  anna = await addAgent(hub.url, admin, 'anna', 'Anna Smirnova');
  boris = await addAgent(hub.url, admin, 'boris', 'Boris Ivanov');
  for (const agent of [anna, boris]) {
    const r = await api(hub.url, `/api/v1/agents/${agent.id}/capacity`, {
      method: 'PUT',
      token: lead.token,
      json: { perChannel: { webchat: 5 } },
    });
    expect(r.status).toBe(200);
  }
  const groups = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups;
  const general = groups.find((g: Loose) => g.name === 'General');
  const saved = await api(hub.url, `/api/v1/groups/${general.id}`, {
    method: 'PUT',
    token: lead.token,
    json: { ...general, id: undefined, memberIds: [anna.id, boris.id] },
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  for (const w of widgets) w.socket.terminate();
  await hub.close();
  removeTempDirs();
});

describe('agent statuses on the hub', () => {
  it('gives new work only to ready agents; not ready keeps its threads', async () => {
    expect((await agentState(anna)).status).toBe('offline');
    await setStatus(hub.url, anna, 'ready');
    await setStatus(hub.url, boris, 'not_ready', 'lunch');
    expect(await agentState(boris)).toMatchObject({ status: 'not_ready', statusReason: 'lunch', statusSince: now });

    const first = await writes('Where is my parcel?');
    expect((await thread(hub.url, admin, first.id)).assigneeId).toBe(anna.id);

    now += 60_000;
    await setStatus(hub.url, anna, 'not_ready', 'break');
    // Not ready: no new work, but the conversation in hand stays with Anna.
    expect((await thread(hub.url, admin, first.id)).assigneeId).toBe(anna.id);
    const second = await writes('Can I change my delivery address?');
    expect((await thread(hub.url, admin, second.id)).assigneeId).toBeNull();
    expect(await events(hub.url, admin, second.id)).toContain('queued: no agent is ready');

    // Boris comes back from lunch: the waiting thread is his.
    now += 60_000;
    await setStatus(hub.url, boris, 'ready');
    expect((await thread(hub.url, admin, second.id)).assigneeId).toBe(boris.id);
  });

  it('away returns open threads to the queue, to the next ready agent, with the reason in the history', async () => {
    const mine = await writes('Refund for order 7731 please');
    now += 1000;
    const owner = (await thread(hub.url, admin, mine.id)).assigneeId;
    expect(owner).toBe(boris.id);
    await setStatus(hub.url, anna, 'ready');
    await setStatus(hub.url, boris, 'away');
    expect((await thread(hub.url, admin, mine.id)).assigneeId).toBe(anna.id);
    expect((await events(hub.url, admin, mine.id)).slice(-3)).toEqual([
      'returned to the queue: Boris Ivanov went away',
      expect.stringMatching(/^assigned to Anna Smirnova: /),
      'auto-reply "Agent stepped away"',
    ]);
  });

  it('refuses a not-ready reason that is not in the list, naming the list', async () => {
    const r = await api(hub.url, SYNC_API.push, {
      token: anna.token,
      json: {
        mutations: [{ id: uuidv7(), kind: 'agent.setStatus', status: 'not_ready', reason: 'nap', createdAt: now }],
      },
    });
    expect(r.body.results[0]).toMatchObject({
      outcome: 'rejected',
      error: { code: 'bad_request', message: expect.stringContaining('"nap" is not one of break, lunch') },
    });
    expect((await agentState(anna)).status).toBe('ready');
  });

  it('after-call work: the configured length, no new work meanwhile, ready again on the clock', async () => {
    await setStatus(hub.url, boris, 'ready');
    await setStatus(hub.url, anna, 'not_ready', 'meeting');
    const callEnd = now;
    await setStatus(hub.url, boris, 'after_call_work');
    expect(await agentState(boris)).toMatchObject({ status: 'after_call_work', acwUntil: callEnd + 30_000 });
    const waiting = await writes('My card does not work at the ATM');
    expect((await thread(hub.url, admin, waiting.id)).assigneeId).toBeNull();

    now = callEnd + 29_999;
    hub.tick();
    expect((await agentState(boris)).status).toBe('after_call_work');
    now = callEnd + 30_000;
    hub.tick();
    expect(await agentState(boris)).toMatchObject({ status: 'ready', acwUntil: null, statusSince: callEnd + 30_000 });
    expect((await thread(hub.url, admin, waiting.id)).assigneeId).toBe(boris.id);
  });

  it('after-call work ended early, or replaced by another status, is not ended again by the clock', async () => {
    const start = now;
    await setStatus(hub.url, boris, 'after_call_work');
    now += 5_000;
    await setStatus(hub.url, boris, 'ready'); // "End after-call work"
    await setStatus(hub.url, boris, 'after_call_work');
    await setStatus(hub.url, boris, 'not_ready', 'training');
    now = start + 60_000;
    hub.tick();
    expect(await agentState(boris)).toMatchObject({ status: 'not_ready', statusReason: 'training' });
    // A call ending while not ready leaves the agent not ready.
    await setStatus(hub.url, boris, 'after_call_work');
    expect((await agentState(boris)).status).toBe('not_ready');
  });

  it('a lead edits the reasons and the after-call-work length; an agent may read but not change them', async () => {
    const config = (await api(hub.url, '/api/v1/routing-config', { token: anna.token })).body;
    expect(config.agentStatus).toEqual({
      notReadyReasons: ['break', 'lunch', 'training', 'meeting', 'other'],
      afterCallWorkSeconds: 30,
    });
    const changed = { ...config, agentStatus: { notReadyReasons: ['coaching', 'lunch'], afterCallWorkSeconds: 0 } };
    const refused = await api(hub.url, '/api/v1/routing-config', { method: 'PUT', token: anna.token, json: changed });
    expect(refused.status).toBe(403);
    const bad = await api(hub.url, '/api/v1/routing-config', {
      method: 'PUT',
      token: lead.token,
      json: { ...config, agentStatus: { notReadyReasons: ['Coffee break!'] } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('agentStatus.notReadyReasons');
    const saved = await api(hub.url, '/api/v1/routing-config', { method: 'PUT', token: lead.token, json: changed });
    expect(saved.status).toBe(200);

    await setStatus(hub.url, anna, 'not_ready', 'coaching');
    expect((await agentState(anna)).statusReason).toBe('coaching');
    // After-call work is off: a call's end leaves a ready agent ready.
    await setStatus(hub.url, anna, 'ready');
    await setStatus(hub.url, anna, 'after_call_work');
    expect((await agentState(anna)).status).toBe('ready');
    await api(hub.url, '/api/v1/routing-config', { method: 'PUT', token: lead.token, json: config });
  });

  it('offline (the last live socket stays closed) returns threads to the queue', async () => {
    await setStatus(hub.url, boris, 'away');
    const t = await writes('Hello, I need help with my order');
    expect((await thread(hub.url, admin, t.id)).assigneeId).toBe(anna.id);
    const { live } = await openLive(hub.url, anna.token);
    live.socket.close();
    await waitFor(
      () => agentState(anna),
      (a) => a.status === 'offline',
    );
    expect((await thread(hub.url, admin, t.id)).assigneeId).toBeNull();
    expect(await events(hub.url, admin, t.id)).toContain('returned to the queue: Anna Smirnova went offline');
  });

  it('records every status change with its start time, for leads only', async () => {
    const period = `from=${T0}&to=${now + 1}`;
    expect((await api(hub.url, `/api/v1/agent-status-events?${period}`, { token: anna.token })).status).toBe(403);
    const bad = await api(hub.url, `/api/v1/agent-status-events?from=${now}&to=${T0}`, { token: lead.token });
    expect(bad.status).toBe(400);
    const r = await api(hub.url, `/api/v1/agent-status-events?${period}`, { token: lead.token });
    expect(r.status).toBe(200);
    const of = (agent: TeamAgent) =>
      (r.body.events as Loose[])
        .filter((e) => e.agentId === agent.id)
        .map((e) => (e.reason ? `${e.status}:${e.reason}` : e.status));
    expect(of(boris)).toEqual([
      'offline',
      'not_ready:lunch',
      'ready',
      'away',
      'ready',
      'after_call_work',
      'ready',
      'after_call_work',
      'ready',
      'after_call_work',
      'not_ready:training',
      'away',
    ]);
    const borisEvents = (r.body.events as Loose[]).filter((e) => e.agentId === boris.id);
    // Time in status: each status lasts until the next event; the first after-call work lasted 30 s.
    const acw = borisEvents.findIndex((e) => e.status === 'after_call_work');
    expect(borisEvents[acw + 1].startedAt - borisEvents[acw].startedAt).toBe(30_000);
    expect(of(anna).at(-1)).toBe('offline');
    const later = await api(hub.url, `/api/v1/agent-status-events?from=${now + 1}&to=${now + 2}`, {
      token: lead.token,
    });
    expect(later.body.events).toEqual([]);
    expect(later.body.atStart.find((e: Loose) => e.agentId === boris.id).status).toBe('away');
  });
});

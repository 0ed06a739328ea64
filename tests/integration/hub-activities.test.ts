/**
 * Planned activities on a real hub with an injected clock (decision 0036): a callback, meeting or
 * reminder planned for an agent or a group enters the queue when due — given to the agent, or offered
 * by the router within the group — survives a restart of the hub, can be cancelled or done, and bad
 * input is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, closeAll, login, removeTempDirs, startHub, tempDir, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, setStatus, thread, type TeamAgent } from './hub-routing-support.js';
import { createAgentCore, createFileKeySecretBox } from '../../src/main/core/index.js';
import { dispatch } from '../../src/shared/contractWire.js';
import type { RequestName } from '../../src/shared/contract.js';
import { startFaultProxy } from '../support/faultProxy.js';
import { waitFor } from '../support/waitFor.js';

const HOUR = 3600_000;
let now = Date.parse('2026-03-02T08:00:00Z');
let hub: Hub & { dataDir: string };
let admin: string;
let anna: TeamAgent;
let boris: TeamAgent;
let vera: TeamAgent;
let secondLine: string;
let origin: Loose;
const widgets: Parameters<typeof closeAll>[0][] = [];

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, clockMs: 0, now: () => now });
  admin = await login(hub.url);
  anna = await addAgent(hub.url, admin, 'anna', 'Anna');
  boris = await addAgent(hub.url, admin, 'boris', 'Boris');
  vera = await addAgent(hub.url, admin, 'vera', 'Vera');
  const general = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups[0];
  await api(hub.url, `/api/v1/groups/${general.id}`, {
    method: 'PUT',
    token: admin,
    json: { ...general, id: undefined, memberIds: [anna.id, vera.id] },
  });
  const created = await api(hub.url, '/api/v1/groups', {
    token: admin,
    json: { name: 'Second line', memberIds: [boris.id] },
  });
  secondLine = created.body.id;
  await setStatus(hub.url, anna, 'ready');
  const written = await customerWrites(hub.url, admin, 'Please call me back tomorrow about my loan', 'Olga');
  widgets.push(written.widget);
  origin = written.thread;
  // Anna answers the chat (the router offered it to her; taking accepts).
  expect((await api(hub.url, `/api/v1/threads/${origin.id}/take`, { method: 'POST', token: anna.token })).status).toBe(
    200,
  );
  await setStatus(hub.url, anna, 'not_ready', 'break');
});
afterAll(async () => {
  closeAll(...widgets);
  await hub.close();
  removeTempDirs();
});

const plan = (token: string, json: Record<string, unknown>) => api(hub.url, '/api/v1/activities', { token, json });
const get = async (token: string, id: string): Promise<Loose> => {
  const list = await api(hub.url, `/api/v1/activities/customers/${origin.customerId}`, { token });
  expect(list.status).toBe(200);
  return (list.body.activities as Loose[]).find((a) => a.id === id);
};
const queued = async (agent: TeamAgent): Promise<Loose[]> =>
  (await api(hub.url, '/api/v1/activities/queued', { token: agent.token })).body.activities;
const eventsOf = async (threadId: string): Promise<Loose[]> =>
  (await api(hub.url, `/api/v1/threads/${threadId}/events`, { token: admin })).body.events;

/**
 * An agent core signed in through a fault proxy (to take it offline). Like agent-harness's, with
 * roomier request timeouts: this machine runs other suites at once.
 */
async function startCore(loginName: string) {
  const proxy = await startFaultProxy(Number(new URL(hub.url).port));
  const dataDir = tempDir(`okno-agent-${loginName}-`);
  const core = await createAgentCore({
    dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(dataDir),
    syncTiming: { heartbeatMs: 500, backoffBaseMs: 30, backoffMaxMs: 300, requestTimeoutMs: 20_000 },
  });
  const call = async <T = Loose>(name: RequestName, input: unknown = {}): Promise<T> => {
    const result = await dispatch(core.handlers, name, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.output as T;
  };
  await call('session.signIn', { hubUrl: proxy.url, login: loginName, password: 'password-123' });
  await waitFor(`${loginName} online`, async () => (await call<Loose>('connection.get')).status === 'online');
  return {
    call,
    offline: () => proxy.setOffline(true),
    online: () => proxy.setOffline(false),
    async close() {
      await core.close();
      await proxy.close();
    },
  };
}

describe('planned activities', () => {
  it('a callback planned from a conversation for oneself enters that agent’s queue when due, not before', async () => {
    const planned = await plan(anna.token, {
      kind: 'callback',
      dueAt: now + 2 * HOUR,
      threadId: origin.id,
      note: 'Call about the loan rate',
    });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({
      kind: 'callback',
      state: 'planned',
      customerId: origin.customerId,
      customerName: 'Olga',
      agentId: anna.id,
      agentName: 'Anna',
      groupId: null,
      originThreadId: origin.id,
      queuedThreadId: null,
      note: 'Call about the loan rate',
      createdByName: 'Anna',
    });
    expect((await eventsOf(origin.id)).map((e) => e.kind)).toContain('activity_planned');
    const fromThread = await api(hub.url, `/api/v1/activities/threads/${origin.id}`, { token: anna.token });
    expect(fromThread.body.activities.map((a: Loose) => a.id)).toEqual([planned.body.id]);

    now += 2 * HOUR - 1000;
    hub.tick();
    expect((await get(anna.token, planned.body.id)).state).toBe('planned');
    expect(await queued(anna)).toEqual([]);

    now += 1000;
    hub.tick();
    const due = await get(anna.token, planned.body.id);
    expect(due).toMatchObject({ state: 'queued', queuedAt: now });
    // Its thread: the customer's, given to Anna (even on a break: it is hers), with what it is and the note.
    const opened = await thread(hub.url, admin, due.queuedThreadId);
    expect(opened).toMatchObject({
      status: 'open',
      customerId: origin.customerId,
      assigneeId: anna.id,
      subject: 'Call about the loan rate',
      channel: 'phone',
    });
    expect(due.queuedThreadNumber).toBe(opened.number);
    const dueEvent = (await eventsOf(opened.id)).find((e) => e.kind === 'activity_due');
    expect(dueEvent.data).toMatchObject({ kind: 'callback', agentId: anna.id, note: 'Call about the loan rate' });
    const originEvent = (await eventsOf(origin.id)).find((e) => e.kind === 'activity_queued');
    expect(originEvent.data).toMatchObject({ threadId: opened.id, number: opened.number });
    expect((await queued(anna)).map((a) => a.id)).toEqual([planned.body.id]);
    // Boris is in neither Anna's thread nor its group: he does not see it in his queue.
    expect(await queued(boris)).toEqual([]);

    // Done: the activity is done and its thread leaves the queue.
    const done = await api(hub.url, `/api/v1/activities/${planned.body.id}/done`, {
      method: 'POST',
      token: anna.token,
      json: {},
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', closedBy: anna.id });
    expect((await thread(hub.url, admin, opened.id)).status).toBe('closed');
    expect(await queued(anna)).toEqual([]);
    const again = await api(hub.url, `/api/v1/activities/${planned.body.id}/done`, {
      method: 'POST',
      token: anna.token,
      json: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already done');
  });

  it('a meeting planned for a group is offered by the router to a ready member of that group only', async () => {
    await setStatus(hub.url, anna, 'ready');
    const planned = await plan(anna.token, {
      kind: 'meeting',
      dueAt: now + HOUR,
      customerId: origin.customerId,
      groupId: secondLine,
      note: 'Sign the loan papers at the branch',
    });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({
      agentId: null,
      groupId: secondLine,
      groupName: 'Second line',
      originThreadId: null,
    });

    now += HOUR;
    hub.tick();
    const due = await get(admin, planned.body.id);
    expect(due.state).toBe('queued');
    // Anna is ready but not in Second line; Boris is not ready yet: it waits in Second line's queue.
    const waiting = await thread(hub.url, admin, due.queuedThreadId);
    expect(waiting).toMatchObject({ assigneeId: null, groupId: secondLine, status: 'open' });
    expect(await queued(boris)).toHaveLength(1);
    expect(await queued(anna)).toEqual([]);

    await setStatus(hub.url, boris, 'ready');
    const offered = await thread(hub.url, admin, due.queuedThreadId);
    expect(offered.assigneeId).toBe(boris.id);
    const assigned = (await eventsOf(offered.id)).find((e) => e.kind === 'assigned');
    expect(assigned.data).toMatchObject({ agentId: boris.id, groupId: secondLine });

    // Closing the thread completes the activity (on the next tick of the clock).
    const closed = await api(hub.url, `/api/v1/threads/${offered.id}/close`, {
      method: 'POST',
      token: boris.token,
      json: {},
    });
    expect(closed.status).toBe(200);
    hub.tick();
    expect((await get(admin, planned.body.id)).state).toBe('done');
    await setStatus(hub.url, boris, 'not_ready', 'break');
    await setStatus(hub.url, anna, 'not_ready', 'break');
  });

  it('a cancelled activity never enters the queue; only those it concerns and leads may cancel it', async () => {
    const planned = await plan(anna.token, {
      kind: 'reminder',
      dueAt: now + HOUR,
      customerId: origin.customerId,
      note: 'Check the transfer arrived',
    });
    const byBoris = await api(hub.url, `/api/v1/activities/${planned.body.id}/cancel`, {
      method: 'POST',
      token: boris.token,
      json: {},
    });
    expect(byBoris.status).toBe(403);
    expect(byBoris.body.error.message).toContain('reminder for Olga');
    const cancelled = await api(hub.url, `/api/v1/activities/${planned.body.id}/cancel`, {
      method: 'POST',
      token: anna.token,
      json: {},
    });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', closedBy: anna.id });
    now += 2 * HOUR;
    hub.tick();
    expect(await get(anna.token, planned.body.id)).toMatchObject({ state: 'cancelled', queuedThreadId: null });

    // A queued one cancelled: its thread leaves the queue.
    const other = await plan(anna.token, {
      kind: 'callback',
      dueAt: now + 60_000,
      customerId: origin.customerId,
      agentId: vera.id,
    });
    expect(other.body).toMatchObject({ agentId: vera.id, agentName: 'Vera', createdBy: anna.id });
    now += 60_000;
    hub.tick();
    const due = await get(vera.token, other.body.id);
    expect(due.state).toBe('queued');
    expect((await queued(vera)).map((a) => a.id)).toEqual([other.body.id]);
    const byVera = await api(hub.url, `/api/v1/activities/${other.body.id}/cancel`, {
      method: 'POST',
      token: vera.token,
      json: {},
    });
    expect(byVera.body.state).toBe('cancelled');
    expect((await thread(hub.url, admin, due.queuedThreadId)).status).toBe('closed');
  });

  it('refuses a time in the past, an unknown agent or group, both at once, and no customer — naming the field', async () => {
    const past = await plan(anna.token, { kind: 'callback', dueAt: now - 5 * 60_000, customerId: origin.customerId });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain('in the past');
    expect(past.body.error.issues[0].path).toBe('dueAt');

    const ghost = '0190aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa';
    const noAgent = await plan(anna.token, {
      kind: 'callback',
      dueAt: now + HOUR,
      customerId: origin.customerId,
      agentId: ghost,
    });
    expect(noAgent.status).toBe(404);
    expect(noAgent.body.error.message).toBe(`agent ${ghost} does not exist`);

    const noGroup = await plan(anna.token, {
      kind: 'meeting',
      dueAt: now + HOUR,
      customerId: origin.customerId,
      groupId: ghost,
    });
    expect(noGroup.status).toBe(404);
    expect(noGroup.body.error.message).toBe(`group ${ghost} does not exist`);

    const both = await plan(anna.token, {
      kind: 'meeting',
      dueAt: now + HOUR,
      customerId: origin.customerId,
      groupId: secondLine,
      agentId: boris.id,
    });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('an agent or a group, not both');

    const nobody = await plan(anna.token, { kind: 'reminder', dueAt: now + HOUR, note: 'who?' });
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toContain('customerId');

    const unknownCustomer = await plan(anna.token, { kind: 'reminder', dueAt: now + HOUR, customerId: ghost });
    expect(unknownCustomer.status).toBe(404);
    expect(unknownCustomer.body.error.message).toBe(`customer ${ghost} does not exist`);

    // Boris (Second line) cannot see Anna's web chat: he cannot plan from it.
    const outOfReach = await plan(boris.token, { kind: 'callback', dueAt: now + HOUR, threadId: origin.id });
    expect(outOfReach.status).toBe(403);
    expect(outOfReach.body.error.message).toBe(`thread #${origin.number} is not in your reach`);

    const badKind = await plan(anna.token, { kind: 'party', dueAt: now + HOUR, customerId: origin.customerId });
    expect(badKind.status).toBe(400);
    expect(JSON.stringify(badKind.body)).toContain('kind');
  });

  it('the same client id planned twice is one activity', async () => {
    const id = '0195aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee';
    const body = { id, kind: 'reminder', dueAt: now + HOUR, customerId: origin.customerId, note: 'once' };
    const first = await plan(anna.token, body);
    const second = await plan(anna.token, body);
    expect(second.body.id).toBe(first.body.id);
    const all = (await api(hub.url, `/api/v1/activities/customers/${origin.customerId}`, { token: anna.token })).body
      .activities as Loose[];
    expect(all.filter((a) => a.note === 'once')).toHaveLength(1);
    await api(hub.url, `/api/v1/activities/${id}/cancel`, { method: 'POST', token: anna.token, json: {} });
  });

  it('through an agent core: who it can be planned for, planning, the lists, and a clear refusal offline', async () => {
    const core = await startCore('vera');
    try {
      const targets = await core.call<Loose>('activities.targets');
      expect(targets.agents.map((a: Loose) => a.name)).toEqual(expect.arrayContaining(['Anna', 'Boris', 'Vera']));
      expect(targets.groups.map((g: Loose) => g.name)).toContain('Second line');
      const planned = await core.call<Loose>('activities.plan', {
        kind: 'meeting',
        dueAt: now + HOUR,
        customerId: origin.customerId,
        agentId: boris.id,
        note: 'from the core',
      });
      expect(planned).toMatchObject({ state: 'planned', agentName: 'Boris', createdBy: vera.id });
      const card = await core.call<Loose>('activities.ofCustomer', { customerId: origin.customerId });
      expect(card.activities.map((a: Loose) => a.id)).toContain(planned.id);
      const bad = await core.call('activities.plan', { kind: 'meeting', dueAt: now + HOUR }).catch((e: Loose) => e);
      expect(bad.code).toBe('bad_request');
      expect(bad.message).toContain('customerId');
      core.offline();
      const away = await core.call('activities.cancel', { activityId: planned.id }).catch((e: Loose) => e);
      expect(away.code).toBe('hub_unreachable');
      expect((await get(admin, planned.id)).state).toBe('planned');
      core.online();
      const cancelled = await core.call<Loose>('activities.cancel', { activityId: planned.id });
      expect(cancelled.state).toBe('cancelled');
    } finally {
      await core.close();
    }
  });

  it('an activity due while the hub was down enters the queue at its start', async () => {
    const planned = await plan(boris.token, {
      kind: 'callback',
      dueAt: now + 10 * 60_000,
      customerId: origin.customerId,
      note: 'after the restart',
    });
    expect(planned.body.agentId).toBe(boris.id);
    await hub.close();
    now += 30 * 60_000;
    hub = await startHub({ dataDir: hub.dataDir, seedDefaults: true, clockMs: 0, now: () => now });
    // No tick: the start itself queued it.
    const token = await login(hub.url);
    const list = await api(hub.url, `/api/v1/activities/customers/${origin.customerId}`, { token });
    const after = (list.body.activities as Loose[]).find((a) => a.id === planned.body.id);
    expect(after).toMatchObject({ state: 'queued', queuedAt: now });
    expect((await thread(hub.url, token, after.queuedThreadId)).assigneeId).toBe(boris.id);
    const pull = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token });
    expect(
      (pull.body.changes as Loose[]).some((c) => c.entity === 'thread' && c.data.id === after.queuedThreadId),
    ).toBe(true);
  });
});

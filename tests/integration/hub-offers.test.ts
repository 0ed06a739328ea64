/**
 * Text offers on a real hub with an injected clock: a chat the router gives an agent is an offer;
 * not taken in time it goes to the next ready agent, the first is set not ready (missed offer) and
 * the thread's history says so; answering or opening it in time keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, closeAll, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, events, reply, setStatus, thread, type TeamAgent } from './hub-routing-support.js';

let now = Date.parse('2026-03-02T08:00:00Z');
let hub: Hub;
let admin: string;
let anna: TeamAgent;
let boris: TeamAgent;

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, clockMs: 0, now: () => now });
  admin = await login(hub.url);
  anna = await addAgent(hub.url, admin, 'anna', 'Anna');
  boris = await addAgent(hub.url, admin, 'boris', 'Boris');
  const group = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups[0];
  await api(hub.url, `/api/v1/groups/${group.id}`, {
    method: 'PUT',
    token: admin,
    json: { ...group, id: undefined, memberIds: [anna.id, boris.id] },
  });
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

/** The agent as the apps see it (the latest synced change). */
const statusOf = async (agent: TeamAgent) => {
  const pull = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin });
  return (pull.body.changes as Loose[]).filter((c) => c.entity === 'agent' && c.data.id === agent.id).at(-1)?.data;
};

describe('text offers', () => {
  it('goes to the next agent when not taken in 60 s, and the first is set not ready: missed offer', async () => {
    await setStatus(hub.url, anna, 'ready');
    now += 1000;
    await setStatus(hub.url, boris, 'ready');
    const { widget, thread: first } = await customerWrites(hub.url, admin, 'Hello, my card is blocked');
    // Anna was idle longest: the router offers it to her.
    expect(first.assigneeId).toBe(anna.id);

    now += 59_000;
    hub.tick();
    expect((await thread(hub.url, admin, first.id)).assigneeId).toBe(anna.id);

    now += 2_000;
    hub.tick();
    expect((await thread(hub.url, admin, first.id)).assigneeId).toBe(boris.id);
    expect(await statusOf(anna)).toMatchObject({ status: 'not_ready', statusReason: 'missed_offer' });
    expect((await events(hub.url, admin, first.id)).join('\n')).toContain('not taken in 60 s by Anna');

    // Boris answers in time: the thread stays his however long the clock runs.
    await reply(hub.url, boris, first.id, 'Let me check your card');
    now += 600_000;
    hub.tick();
    expect((await thread(hub.url, admin, first.id)).assigneeId).toBe(boris.id);
    expect(await statusOf(boris)).toMatchObject({ status: 'ready' });
    closeAll(widget);
  });

  it('stays with an agent who opens (takes) it in time', async () => {
    await setStatus(hub.url, anna, 'ready');
    const { widget, thread: second } = await customerWrites(hub.url, admin, 'Where is my parcel?');
    const offeredTo = second.assigneeId === anna.id ? anna : boris;
    const taken = await api(hub.url, `/api/v1/threads/${second.id}/take`, { method: 'POST', token: offeredTo.token });
    expect(taken.status).toBe(200);
    now += 120_000;
    hub.tick();
    expect((await thread(hub.url, admin, second.id)).assigneeId).toBe(offeredTo.id);
    expect(await statusOf(offeredTo)).toMatchObject({ status: 'ready' });
    closeAll(widget);
  });
});

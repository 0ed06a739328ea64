/**
 * Queue views through a real agent core synced with a real hub: "mine", "my groups" and "all"
 * (leads only, refused to an agent by the core and by the hub), the topic filter from the hub's
 * routing facts, counts per view that follow new threads, and the agent's status with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import type { Agent } from '../../src/shared/domain.js';
import { addAgent, hubSeqOf, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import { api, customerSays, login, openWidget, removeTempDirs, startHub, type Loose } from './hub-harness.js';

let hub: Hub;
let admin: string;
let anna: TestAgent;
let lena: TestAgent;
const sockets: { socket: { terminate(): void } }[] = [];

type Counts = { mine: number; groups: number; all: number | null };
type Page = { items: { id: string; topic?: string; customerName: string }[]; total: number };

async function write(text: string): Promise<void> {
  const { widget } = await openWidget(hub.url, {});
  sockets.push(widget);
  await customerSays(widget, text);
}

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true });
  admin = await login(hub.url);
  await addAgent(hub.url, admin, 'anna', 'Anna Smirnova');
  const created = await api(hub.url, '/api/v1/agents', {
    token: admin,
    json: { login: 'lena', name: 'Lena Lead', password: 'lena-password', role: 'lead' },
  });
  expect(created.status).toBe(201);
  anna = await startAgent(hub.url, 'anna', 'anna-password');
  lena = await startAgent(hub.url, 'lena', 'lena-password');
  const annaId = (await anna.call<{ agent: Agent }>('session.get')).agent.id;
  const lenaId = (await lena.call<{ agent: Agent }>('session.get')).agent.id;
  const general = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups.find(
    (g: Loose) => g.name === 'General',
  );
  await api(hub.url, `/api/v1/groups/${general.id}`, {
    method: 'PUT',
    token: admin,
    // Lena leads the group (never ready, so routing gives her nothing): a lead's cache holds her team's threads.
    json: { ...general, id: undefined, memberIds: [annaId, lenaId] },
  });
  await api(hub.url, `/api/v1/agents/${annaId}/capacity`, {
    method: 'PUT',
    token: admin,
    json: { perChannel: { webchat: 1 } },
  });
});
afterAll(async () => {
  for (const s of sockets) s.socket.terminate();
  await anna?.close();
  await lena?.close();
  await hub.close();
  removeTempDirs();
});

describe('queue views in the app', () => {
  it('sets not ready with a reason, then ready; the reasons come from the hub', async () => {
    const settings = await anna.call<{ notReadyReasons: string[] }>('agent.statusSettings');
    expect(settings.notReadyReasons).toEqual(['break', 'lunch', 'training', 'meeting', 'other']);
    const shown = await anna.call<Agent>('agent.setStatus', { status: 'not_ready', reason: 'lunch' });
    expect(shown).toMatchObject({ status: 'not_ready', statusReason: 'lunch' });
    await expect(anna.call('agent.setStatus', { status: 'not_ready' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(anna.call('agent.setStatus', { status: 'not_ready', reason: 'nap' })).rejects.toThrow(
      'not-ready reason "nap" is not one of break, lunch, training, meeting, other',
    );
    await anna.call('agent.setStatus', { status: 'ready' });
    await anna.settled(hubSeqOf(hub.url));
    expect((await anna.call<{ agent: Agent }>('session.get')).agent.status).toBe('ready');
  });

  it('counts each view, filters by topic, and keeps "all" for leads', async () => {
    await write('Моя карта заблокирована, помогите');
    await write('Where is my order? The delivery is late');
    const seq = hubSeqOf(hub.url);
    await anna.settled(seq);
    await lena.settled(seq);

    // Anna (capacity 1) got the first chat; the second waits for any group, so it is in "my groups".
    expect(await anna.call<Counts>('queue.counts', {})).toEqual({ mine: 1, groups: 2, all: null });
    const cards = await anna.call<Page>('queue.list', { view: 'groups', topic: 'cards' });
    expect(cards.items.map((i) => i.topic)).toEqual(['cards']);
    const orders = await anna.call<Page>('queue.list', { view: 'groups', topic: 'orders' });
    expect(orders.total).toBe(1);
    await expect(anna.call('queue.list', { view: 'all' })).rejects.toMatchObject({ code: 'forbidden' });
    const hubAll = await api(hub.url, '/api/v1/queue?view=all', {
      token: await login(hub.url, 'anna', 'anna-password'),
    });
    expect(hubAll.status).toBe(403);

    // Lena leads the group: nothing is hers, her team's threads are in "my groups" and in "all".
    expect(await lena.call<Counts>('queue.counts', {})).toEqual({ mine: 0, groups: 2, all: 2 });
    expect((await lena.call<Page>('queue.list', { view: 'all', channel: 'webchat' })).total).toBe(2);
    expect(await lena.call<Counts>('queue.counts', { topic: 'cards' })).toEqual({ mine: 0, groups: 1, all: 1 });
  });

  it('the counts follow a new thread as it syncs', async () => {
    await write('Forgot my password, the SMS code does not come');
    await waitFor(
      'a third thread in the lead’s count',
      async () => (await lena.call<Counts>('queue.counts', {})).all === 3,
    );
    await anna.settled(hubSeqOf(hub.url));
    expect(await anna.call<Counts>('queue.counts', {})).toEqual({ mine: 1, groups: 3, all: null });
    expect((await anna.call<Counts>('queue.counts', { status: 'closed' })).mine).toBe(0);
  });
});

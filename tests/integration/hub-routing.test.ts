import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { BusinessHours } from '../../src/shared/queue/businessHours.js';
import { AutoReplies } from '../../src/server/contactCenter/autoReplies.js';
import { loadDefaults } from '../../src/server/contactCenter/defaults.js';
import { RoutingSettings } from '../../src/server/contactCenter/routingSettings.js';
import { TextRouting } from '../../src/server/contactCenter/textRouting.js';
import { ThreadHistory } from '../../src/server/contactCenter/threadHistory.js';
import { receiveCustomerMessage } from '../../src/server/conversation/receiveCustomerMessage.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Channel } from '../../src/shared/domain.js';
import type { Hub } from '../../src/server/hub.js';
import { api, login, openLive, removeTempDirs, startHub, tempDir } from './hub-harness.js';
import {
  addAgent,
  customerWrites,
  events,
  reply,
  setStatus,
  thread,
  waitFor,
  type TeamAgent,
} from './hub-routing-support.js';
import { testDatabase } from '../support/testDatabase.js';

const log = createLogger('test');

/** Moscow: weekdays 09:00–18:00, a Friday night shift 20:00–02:00 (across midnight), weekend closed. */
const HOURS = BusinessHours.parse({
  utcOffsetMinutes: 180,
  week: [
    [],
    [[540, 1080]],
    [[540, 1080]],
    [[540, 1080]],
    [[540, 1080]],
    [
      [540, 1080],
      [1200, 1560],
    ],
    [],
  ],
});

describe('the unified queue: deadlines in business hours across channels', () => {
  it('orders mixed channels by time left, across midnight and a weekend', () => {
    let now = Date.parse('2026-03-06T22:40:00Z'); // Saturday 01:40 in Moscow, inside the Friday night shift
    const dir = tempDir();
    const store = openHubStore(dir, () => now, log, testDatabase(dir));
    try {
      const defaults = loadDefaults();
      const settings = new RoutingSettings(store, {
        ...defaults.routing,
        sla: {
          ...defaults.routing.sla,
          businessHours: HOURS,
          alwaysOpen: ['phone'],
          topicTargets: { cards: { email: 10 * 60_000 } },
        },
      });
      const history = new ThreadHistory(store, log);
      const autoReplies = new AutoReplies(store, () => {}, settings, history, log);
      const routing = new TextRouting(store, settings, autoReplies, history);
      const arrive = (channel: Channel, text: string) =>
        store.write((tx) => {
          const customer = {
            id: uuidv7(tx.now),
            name: `C ${channel}`,
            phone: null,
            email: null,
            createdAt: tx.now,
            updatedAt: tx.now,
          };
          store.customers.save(tx, customer);
          const received = receiveCustomerMessage(tx, store, { channel, customer, messageId: uuidv7(tx.now), text });
          routing.customerMessage(tx, received.thread, received.message, received);
          return store.threads.byId(received.thread.id)!;
        }).result;

      const email = arrive('email', 'Where is my parcel?'); // 2 h: 20 min tonight, the rest Monday from 09:00
      const webchat = arrive('webchat', 'hello'); // 60 s, inside the shift
      const phone = arrive('phone', 'call'); // always open: 20 s
      const cardsEmail = arrive('email', 'my card is blocked'); // topic cards: 10 min
      now += 15 * 60_000; // Saturday 01:55
      const telegram = arrive('telegram', 'hi'); // 30 min: 5 min tonight, 25 on Monday

      expect(email.slaDueAt).toBe(Date.parse('2026-03-09T07:40:00Z')); // Monday 10:40 local
      expect(webchat.slaDueAt).toBe(Date.parse('2026-03-06T22:41:00Z'));
      expect(phone.slaDueAt).toBe(Date.parse('2026-03-06T22:40:20Z'));
      expect(cardsEmail.slaDueAt).toBe(Date.parse('2026-03-06T22:50:00Z'));
      expect(telegram.slaDueAt).toBe(Date.parse('2026-03-09T06:25:00Z'));
      const order = store.routing.queuedThreadIds();
      expect(order).toEqual([phone.id, webchat.id, cardsEmail.id, telegram.id, email.id]);
    } finally {
      store.close();
    }
  });
});

describe('routing on a real hub', () => {
  let hub: Hub;
  let admin: string;
  let a1: TeamAgent;
  let a2: TeamAgent;
  let a3: TeamAgent;
  let lead: TeamAgent;
  let cardsGroup: string;
  let secondLine: string;

  beforeAll(async () => {
    hub = await startHub({ offlineGraceMs: 100, clockMs: 0 });
    admin = await login(hub.url);
    a1 = await addAgent(hub.url, admin, 'anna', 'Anna');
    a2 = await addAgent(hub.url, admin, 'boris', 'Boris');
    a3 = await addAgent(hub.url, admin, 'vera', 'Vera');
    lead = await addAgent(hub.url, admin, 'lena', 'Lena', 'lead');
    const second = await api(hub.url, '/api/v1/groups', {
      token: lead.token,
      json: { name: 'Second line', skills: { topics: ['never'] }, memberIds: [a3.id] },
    });
    secondLine = second.body.id;
    const cards = await api(hub.url, '/api/v1/groups', {
      token: lead.token,
      json: {
        name: 'Cards RU',
        skills: { topics: ['cards'], languages: ['ru'] },
        memberIds: [a1.id, a2.id],
        escalationGroupId: secondLine,
      },
    });
    expect(cards.status).toBe(201);
    cardsGroup = cards.body.id;
    for (const agent of [a1, a2]) {
      const r = await api(hub.url, `/api/v1/agents/${agent.id}/capacity`, {
        method: 'PUT',
        token: lead.token,
        json: { perChannel: { webchat: 1 } },
      });
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => {
    await hub.close();
    removeTempDirs();
  });

  it('lets only leads and admins manage groups and capacity, and see every thread', async () => {
    const r = await api(hub.url, '/api/v1/groups', { token: a1.token, json: { name: 'Mine' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect(
      (await api(hub.url, `/api/v1/agents/${a1.id}/capacity`, { method: 'PUT', token: a1.token, json: {} })).status,
    ).toBe(403);
    expect((await api(hub.url, '/api/v1/queue?view=all', { token: a1.token })).status).toBe(403);
    expect((await api(hub.url, '/api/v1/queue?view=all', { token: lead.token })).status).toBe(200);
  });

  it('queues when nobody is ready, then assigns by skill, fewest threads and longest idle, explaining why', async () => {
    const first = await customerWrites(hub.url, admin, 'Моя карта заблокирована, помогите');
    expect(first.thread.assigneeId).toBeNull();
    expect(await events(hub.url, admin, first.thread.id)).toEqual(['queued: no agent is ready']);

    await setStatus(hub.url, a2, 'ready'); // Boris is ready first, so idle longer…
    // …and takes the queued thread at once.
    expect((await thread(hub.url, admin, first.thread.id)).assigneeId).toBe(a2.id);
    expect(await events(hub.url, admin, first.thread.id)).toEqual([
      'queued: no agent is ready',
      'assigned to Boris: skill cards, ru, load 1/1',
    ]);

    await setStatus(hub.url, a1, 'ready');
    const second = await customerWrites(hub.url, admin, 'Карту заблокировали вчера');
    expect(second.thread.assigneeId).toBe(a1.id); // Boris is at capacity (1/1)

    // Both at capacity: the third waits in the queue with the reason.
    const third = await customerWrites(hub.url, admin, 'Заблокирована карта!');
    expect(third.thread.assigneeId).toBeNull();
    expect(await events(hub.url, admin, third.thread.id)).toEqual(['queued: every ready agent is at capacity']);

    // Anna closes her thread: the queued one is hers now.
    expect(
      (await api(hub.url, `/api/v1/threads/${second.thread.id}/close`, { method: 'POST', token: a1.token, json: {} }))
        .status,
    ).toBe(200);
    expect((await thread(hub.url, admin, third.thread.id)).assigneeId).toBe(a1.id);

    // An English question has no Cards RU skill and no other group: it waits.
    const english = await customerWrites(hub.url, admin, 'My card is blocked');
    expect(await events(hub.url, admin, english.thread.id)).toEqual(['queued: no group has these skills']);
    for (const w of [first.widget, second.widget, third.widget, english.widget]) w.socket.terminate();
  });

  it('takes, hands over with a note and escalates to the second line', async () => {
    const { thread: t, widget } = await customerWrites(hub.url, admin, 'Hello there');
    // An agent may take an unassigned thread…
    const taken = await api(hub.url, `/api/v1/threads/${t.id}/take`, { method: 'POST', token: a3.token, json: {} });
    expect(taken.body.assigneeId).toBe(a3.id);
    // …but not one that is someone else's.
    const again = await api(hub.url, `/api/v1/threads/${t.id}/take`, { method: 'POST', token: a1.token, json: {} });
    expect(again.status).toBe(409);
    // Hand over to Boris with a note.
    const handed = await api(hub.url, `/api/v1/threads/${t.id}/handover`, {
      token: a3.token,
      json: { agentId: a2.id, note: 'customer asks about a loan' },
    });
    expect(handed.body.assigneeId).toBe(a2.id);
    expect(
      (await api(hub.url, `/api/v1/threads/${t.id}/handover`, { token: a3.token, json: { agentId: a1.id, note: 'x' } }))
        .status,
    ).toBe(403);
    expect(
      (await api(hub.url, `/api/v1/threads/${t.id}/handover`, { token: a2.token, json: { note: 'x' } })).status,
    ).toBe(400);

    // Hand over to the Cards RU group, then escalate to its second line (Vera is not ready, so it waits there).
    await api(hub.url, `/api/v1/threads/${t.id}/handover`, {
      token: a2.token,
      json: { groupId: cardsGroup, note: 'cards' },
    });
    const escalated = await api(hub.url, `/api/v1/threads/${t.id}/escalate`, {
      token: lead.token,
      json: { note: 'fraud suspected' },
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.assigneeId).toBeNull();
    await setStatus(hub.url, a3, 'ready');
    expect((await thread(hub.url, admin, t.id)).assigneeId).toBe(a3.id);
    const history = await events(hub.url, admin, t.id);
    expect(history).toContain('taken by Vera');
    expect(history).toContain('handed over by Vera to Boris: customer asks about a loan');
    expect(history.some((e) => e.startsWith('handed over by Boris to group Cards RU: cards'))).toBe(true);
    expect(history).toContain('escalated by Lena from Cards RU to Second line: fraud suspected');
    expect(history.at(-1)).toBe('assigned to Vera: skill Second line, load 1/3');
    // The second line has nowhere further to go.
    expect(
      (await api(hub.url, `/api/v1/threads/${t.id}/escalate`, { token: lead.token, json: { note: 'again' } })).status,
    ).toBe(409);
    widget.socket.terminate();
  });

  it('returns threads to the queue when an agent goes away, and when their link stays down', async () => {
    for (const agent of [a1, a2]) {
      await api(hub.url, `/api/v1/agents/${agent.id}/capacity`, {
        method: 'PUT',
        token: lead.token,
        json: { perChannel: { webchat: 5 } },
      });
    }
    const { thread: t, widget } = await customerWrites(hub.url, admin, 'Карта не работает, заблокирована');
    const owner = (await thread(hub.url, admin, t.id)).assigneeId;
    expect([a1.id, a2.id]).toContain(owner);
    const ownerAgent = owner === a1.id ? a1 : a2;
    const other = owner === a1.id ? a2 : a1;
    // The owner steps away.
    await setStatus(hub.url, ownerAgent, 'away');
    expect((await thread(hub.url, admin, t.id)).assigneeId).toBe(other.id);
    expect((await events(hub.url, admin, t.id)).slice(-2)).toEqual([
      `returned to the queue: ${ownerAgent.name} went away`,
      expect.stringMatching(new RegExp(`^assigned to ${other.name}: skill cards, ru, load \\d/5$`)),
    ]);

    // The other agent's live socket closes and stays closed past the grace period: offline, re-queued.
    const { live } = await openLive(hub.url, other.token);
    live.socket.close();
    await waitFor(
      () => thread(hub.url, admin, t.id),
      (th) => th.assigneeId === null,
    );
    expect(await events(hub.url, admin, t.id)).toContain(`returned to the queue: ${other.name} went offline`);
    const pulled = await api(hub.url, '/api/v1/sync/pull?after=0&limit=5000', { token: admin });
    expect(
      pulled.body.changes.find(
        (c: { entity: string; data: { id: string } }) => c.entity === 'agent' && c.data.id === other.id,
      ).data.status,
    ).toBe('offline');
    widget.socket.terminate();
  });

  it('shows the queue views ordered by deadline with the overdue flag', async () => {
    const mine = await api(hub.url, '/api/v1/queue?view=mine', { token: a3.token });
    expect(mine.body.items.every((t: { assigneeId: string }) => t.assigneeId === a3.id)).toBe(true);
    // The admin: a lead's "all" holds only their teams' threads (decision 0031), and Lena leads none here.
    const all = await api(hub.url, '/api/v1/queue?view=all&channel=webchat', { token: admin });
    const due = all.body.items.map((t: { slaDueAt: number | null }) => t.slaDueAt ?? Infinity);
    expect(due).toEqual([...due].sort((a: number, b: number) => a - b));
    expect(all.body.items[0].sla).toMatch(/ok|overdue/);
    await reply(hub.url, a3, mine.body.items[0].id, 'Done');
  });
});

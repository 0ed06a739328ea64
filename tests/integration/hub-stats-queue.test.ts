/**
 * The phone queue's figures on a real hub: queued calls written as the hub's call queue writes them
 * (a phone thread at arrival through the repos, its journey's thread events and the one `call`
 * event with the queue facts), then read from the period API and its export. The calls are written
 * through the hub's store on its data directory between two starts; the restarted hub derives the
 * new threads' rows at start, as for any thread without one.
 */
import { describe, expect, it } from 'vitest';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { ServiceLine } from '../../src/shared/calls/serviceLine.js';
import type { Thread } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import { api, login, type Loose } from './hub-harness.js';
import { addAgent } from './hub-routing-support.js';
import { STATS_START as START, statsHubs } from './hub-stats-support.js';
import { testDatabase } from '../support/testDatabase.js';

let clock = START;
const { hubs, startStatsHub: setup } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });
const s = (seconds: number) => seconds * 1000;

const line = (name: string, number: string, menu: boolean) =>
  ServiceLine.parse({
    id: uuidv7(),
    updatedAt: START,
    number,
    name,
    menu: menu
      ? {
          start: 'main',
          nodes: {
            main: { kind: 'ask', prompt: 'greeting', options: { '1': 'cards', '2': 'loans' } },
            cards: { kind: 'queue', topic: 'Cards' },
            loans: { kind: 'queue', topic: 'Loans' },
          },
        }
      : null,
  });

/** One queued call's journey: `steps` are [seconds after arrival, kind, data, actor] thread events. */
type Step = [after: number, kind: string, data: Record<string, unknown>, actor?: string | null];

function queuedCall(store: HubStore, at: number, onLine: ServiceLine, caller: string, steps: Step[]): string {
  clock = at;
  const thread = store.write((tx) => {
    const customer = { id: uuidv7(), name: caller, phone: caller, email: null, createdAt: tx.now, updatedAt: tx.now };
    store.customers.save(tx, customer);
    // As callThreads.openCallThread makes it (the thread first: thread_routing references it).
    const opened: Thread = {
      id: uuidv7(tx.now),
      number: store.threads.nextNumber(),
      channel: 'phone',
      status: 'open',
      customerId: customer.id,
      assigneeId: null,
      subject: `${caller} → ${onLine.name}`,
      slaDueAt: tx.now + s(20),
      lastMessageAt: tx.now,
      lastMessagePreview: '',
      createdAt: tx.now,
      updatedAt: tx.now,
      topic: null,
      groupId: null,
    };
    store.threads.save(tx, opened);
    store.routing.saveThreadRouting({
      threadId: opened.id,
      topic: null,
      language: onLine.language,
      groupId: null,
      queuedAt: tx.now,
    });
    store.routing.addEvent({
      id: uuidv7(tx.now),
      threadId: opened.id,
      kind: 'call_arrived',
      text: 'call arrived',
      data: { lineId: onLine.id, number: caller },
      actorId: null,
      createdAt: tx.now,
    });
    return opened;
  }).result;
  for (const [after, kind, data, actor] of steps) {
    clock = at + s(after);
    store.write((tx) =>
      store.routing.addEvent({
        id: uuidv7(tx.now),
        threadId: thread.id,
        kind,
        text: kind.replace(/_/g, ' '),
        data,
        actorId: actor ?? null,
        createdAt: tx.now,
      }),
    );
  }
  return thread.id;
}

/** The `call` event data of a queued call (callThreads.recordQueueFacts). */
const facts = (at: number, onLine: ServiceLine, over: Record<string, unknown>) => ({
  direction: 'inbound',
  startedAt: at,
  answeredAt: null,
  holds: [],
  queued: true,
  outcome: 'answered',
  short: false,
  lineId: onLine.id,
  topic: null,
  node: null,
  missedOffers: 0,
  ...over,
});

describe('phone queue figures on a real hub', () => {
  it('by line and by menu choice: SL from queue entry, short apart, lost, callbacks and missed', async () => {
    const first = await setup();
    const ann = await addAgent(first.hub.url, first.admin, 'ann', 'Ann');
    const bob = await addAgent(first.hub.url, first.admin, 'bob', 'Bob');
    const cid = await addAgent(first.hub.url, first.admin, 'cid', 'Cid');
    await addAgent(first.hub.url, first.admin, 'lea', 'Lea', 'lead');
    const dataDir = first.hub.dataDir;
    await first.hub.close();
    hubs.splice(0);

    const store = openHubStore(dataDir, () => clock, createLogger('test'), testDatabase(dataDir));
    const bank = line('Bank', '+74950000001', true);
    const shop = line('Shop', '+74950000002', false);
    store.lines.save(bank);
    store.lines.save(shop);
    const cards: Step[] = [
      [1, 'menu_choice', { node: 'main', digit: '1', next: 'cards' }],
      [1, 'call_queued', { groupId: null, topic: 'Cards', node: 'cards' }],
    ];
    const t1 = START;
    // Bank › cards: offered to Ann, answered at exactly 20 s from queue entry (arrival), 2 min talk.
    queuedCall(store, t1, bank, '+15550001', [
      ...cards,
      [2, 'offered', { agentId: ann.id, groupId: null }, ann.id],
      [20, 'answered', { agentId: ann.id, waitedMs: s(20) }, ann.id],
      [140, 'call', facts(t1, bank, { answeredAt: t1 + s(20), endedAt: t1 + s(140), topic: 'Cards', node: 'cards' })],
      [140, 'call_ended', { by: 'caller', talkMs: s(120) }, ann.id],
    ]);
    // Bank › cards: hung up after 4 s (short).
    const t2 = START + s(300);
    queuedCall(store, t2, bank, '+15550002', [
      ...cards,
      [4, 'abandoned', { waitedMs: s(4), short: true, during: 'waiting' }],
      [
        4,
        'call',
        facts(t2, bank, { outcome: 'abandoned', short: true, endedAt: t2 + s(4), topic: 'Cards', node: 'cards' }),
      ],
    ]);
    // Bank › loans: rang out at Bob, hung up after 40 s (lost), left as a callback task; transferred nowhere.
    const t3 = START + s(600);
    queuedCall(store, t3, bank, '+15550003', [
      [1, 'menu_choice', { node: 'main', digit: '2', next: 'loans' }],
      [1, 'call_queued', { groupId: null, topic: 'Loans', node: 'loans' }],
      [2, 'offered', { agentId: bob.id, groupId: null }, bob.id],
      [17, 'offer_missed', { agentId: bob.id, code: 408 }, bob.id],
      [
        40,
        'call',
        facts(t3, bank, { outcome: 'abandoned', endedAt: t3 + s(40), topic: 'Loans', node: 'loans', missedOffers: 1 }),
      ],
      [40, 'abandoned', { waitedMs: s(40), short: false, during: 'waiting' }],
      [40, 'callback_task', { number: '+15550003', waitedMs: s(40), dueAt: t3 + s(1840) }],
    ]);
    // Shop: asked to be called back after 60 s.
    const t4 = START + s(900);
    queuedCall(store, t4, shop, '+15550004', [
      [0, 'call_queued', { groupId: null, topic: null, node: null }],
      [60, 'call', facts(t4, shop, { outcome: 'callback', endedAt: t4 + s(60) })],
      [60, 'callback_left', { number: '+15550004', waitedMs: s(60), dueAt: t4 + s(1860) }],
      [900, 'callback_done', { result: 'reached' }, ann.id],
    ]);
    // Shop: rang out at Bob, then at Cid; Ann answered at 50 s and later handed the call over.
    const t5 = START + s(1200);
    const fifth = queuedCall(store, t5, shop, '+15550005', [
      [0, 'call_queued', { groupId: null, topic: null, node: null }],
      [1, 'offered', { agentId: bob.id, groupId: null }, bob.id],
      [16, 'offer_missed', { agentId: bob.id, code: 408 }, bob.id],
      [17, 'offered', { agentId: cid.id, groupId: null }, cid.id],
      [32, 'offer_missed', { agentId: cid.id, code: 408 }, cid.id],
      [33, 'offered', { agentId: ann.id, groupId: null }, ann.id],
      [50, 'answered', { agentId: ann.id, waitedMs: s(50) }, ann.id],
      [90, 'transferred', { groupId: null, note: 'billing' }, ann.id],
      [200, 'call', facts(t5, shop, { answeredAt: t5 + s(50), endedAt: t5 + s(200), missedOffers: 2 })],
    ]);
    store.write((tx) => {
      const thread = store.threads.byId(fifth)!;
      store.threads.save(tx, { ...thread, assigneeId: ann.id, updatedAt: tx.now });
    });
    store.close();

    const { hub } = await setup({ dataDir });
    const lead = await login(hub.url, 'lea', 'password-123');
    const period = await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: lead });
    expect(period.status).toBe(200);
    const q = period.body.phoneQueue;
    // Handled = answered 2 + lost 1; within 20 s: the first call only; ASA (20 + 50) / 2.
    expect(q.total).toEqual({
      offered: 5,
      answered: 2,
      answeredWithinThreshold: 1,
      lost: 1,
      short: 1,
      callbacks: 1,
      missed: 3,
      serviceLevel: 1 / 3,
      abandonRate: 1 / 3,
      averageSpeedOfAnswerMs: s(35),
    });
    expect(period.body.total).toMatchObject({
      offered: 5,
      abandoned: 2,
      abandonedShort: 1,
      callbacksRequested: 1,
      waiting: 0,
      transfers: 1,
    });
    const byLine = Object.fromEntries(q.byLine.map((r: Loose) => [r.lineName, r.figures]));
    expect(byLine.Bank).toMatchObject({ offered: 3, answered: 1, lost: 1, short: 1, missed: 1, serviceLevel: 0.5 });
    expect(byLine.Shop).toMatchObject({ offered: 2, answered: 1, callbacks: 1, missed: 2, serviceLevel: 0 });
    expect(byLine.Shop.averageSpeedOfAnswerMs).toBe(s(50));
    expect(q.byChoice.map((r: Loose) => [r.lineName, r.node, r.topic, r.figures.offered])).toEqual([
      ['Bank', 'cards', 'Cards', 2],
      ['Bank', 'loans', 'Loans', 1],
    ]);
    expect(q.missedByAgent).toEqual([
      { agentId: bob.id, missed: 2 },
      { agentId: cid.id, missed: 1 },
    ]);

    // An agent sees only their own missed offers.
    const bobs = await api(hub.url, '/api/v1/stats?day=2026-11-25', {
      token: await login(hub.url, 'bob', 'password-123'),
    });
    expect(bobs.body.phoneQueue.missedByAgent).toEqual([{ agentId: bob.id, missed: 2 }]);

    const csv = await api(hub.url, '/api/v1/stats/export.csv?day=2026-11-25&table=queueByChoice', { token: lead });
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe(
      'key,lineId,lineName,node,topic,offered,answered,answeredWithinThreshold,serviceLevel,' +
        'averageSpeedOfAnswerMs,abandonRate,lost,short,callbacks,missed',
    );
    expect(lines[1]).toBe(`${bank.id}/cards,${bank.id},Bank,cards,Cards,2,1,1,1,20000,0,0,1,0,0`);
    const xlsx = await fetch(`${hub.url}/api/v1/stats/export.xlsx?day=2026-11-25&table=queueByLine`, {
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(xlsx.status).toBe(200);
  });
});

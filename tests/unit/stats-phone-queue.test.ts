/**
 * The phone queue's figures on a hand-computed fixture (docs/stats-formulas.md, "Phone queue"):
 * the hub's `call` event of each queued call → ContactRecord → figures by line and menu choice.
 */
import { describe, expect, it } from 'vitest';
import { contactFromHistory, parseCallFacts, type ThreadHistory } from '../../src/server/stats/contactFromHistory.js';
import type { ContactRecord } from '../../src/shared/stats/contact.js';
import { summarizeContacts } from '../../src/shared/stats/kpi.js';
import { phoneQueueBreakdown, queueFigures } from '../../src/shared/stats/phoneQueue.js';

const T = Date.UTC(2026, 10, 25, 10, 0);
const s = (seconds: number) => seconds * 1000;

/** The `call` event data the hub's queue writes (callThreads.recordQueueFacts), `over` on top. */
const queuedCall = (over: Record<string, unknown>) => ({
  direction: 'inbound',
  startedAt: T,
  answeredAt: null,
  endedAt: T,
  holds: [],
  queued: true,
  outcome: 'answered',
  short: false,
  lineId: null,
  topic: null,
  node: null,
  missedOffers: 0,
  ...over,
});

function contact(id: string, data: Record<string, unknown>, missedBy: string[] = [], assigneeId = 'a1') {
  const history: ThreadHistory = {
    id,
    channel: 'phone',
    assigneeId,
    groupId: 'g1',
    firstCustomerAt: null,
    firstAgentReplyAt: null,
    firstAgentReplyBy: null,
    closedAt: null,
    transfers: 0,
    call: parseCallFacts(JSON.stringify(data), JSON.stringify(missedBy)),
  };
  return contactFromHistory(history)!;
}

const cards = { lineId: 'line-a', node: 'cards', topic: 'Cards' };
const loans = { lineId: 'line-a', node: 'loans', topic: 'Loans' };
const plain = { lineId: 'line-b' };

/** Line A has a menu (cards, loans); line B none. */
const FIXTURE: ContactRecord[] = [
  // Answered at exactly 20 s from queue entry: inside 80/20.
  contact('q1', queuedCall({ ...cards, answeredAt: T + s(20), endedAt: T + s(140) })),
  // Hung up after 4 s: short, in no share.
  contact('q2', queuedCall({ ...cards, outcome: 'abandoned', short: true, endedAt: T + s(4) }), [], 'x'),
  // Hung up after 40 s, one offer rang out at a2 before: lost.
  contact('q3', queuedCall({ ...loans, outcome: 'abandoned', endedAt: T + s(40), missedOffers: 1 }), ['a2'], 'x'),
  // Asked for a callback after 60 s: neither answered nor abandoned.
  contact('q4', queuedCall({ ...plain, outcome: 'callback', endedAt: T + s(60) }), [], 'x'),
  // Rang out at a2, then at a3, answered by a1 at 50 s.
  contact('q5', queuedCall({ ...plain, answeredAt: T + s(50), endedAt: T + s(200), missedOffers: 2 }), ['a2', 'a3']),
];

describe('queued calls as contacts', () => {
  it('keeps the queue facts; a callback request is neither answered nor abandoned', () => {
    expect(FIXTURE[0]).toMatchObject({
      offeredAt: T,
      answeredAt: T + s(20),
      abandonedAt: null,
      agentId: 'a1',
      queue: { outcome: 'answered', short: false, lineId: 'line-a', node: 'cards', topic: 'Cards', missedOffers: 0 },
    });
    expect(FIXTURE[3]).toMatchObject({ answeredAt: null, abandonedAt: null, agentId: null });
    expect(FIXTURE[3]!.queue?.outcome).toBe('callback');
    expect(FIXTURE[4]!.queue).toMatchObject({ missedOffers: 2, missedBy: ['a2', 'a3'] });
  });

  it('a softphone-logged call has no queue part; a queued record with an unknown outcome is a plain call', () => {
    const old = parseCallFacts(JSON.stringify({ direction: 'inbound', startedAt: T, answeredAt: null, endedAt: T }));
    expect(old).not.toBeNull();
    expect(old!.queue).toBeUndefined();
    expect(parseCallFacts(JSON.stringify(queuedCall({ outcome: 'gone' })))!.queue).toBeUndefined();
    const odd = parseCallFacts(
      JSON.stringify(queuedCall({ lineId: 7, topic: '', node: ['x'], missedOffers: -3, short: 'yes' })),
      JSON.stringify([null, 'a9', 4]),
    );
    expect(odd!.queue).toEqual({
      outcome: 'answered',
      short: false,
      lineId: null,
      topic: null,
      node: null,
      missedOffers: 0,
      missedBy: ['a9'],
    });
  });
});

describe('phone queue figures (hand-computed)', () => {
  it('the period: short abandons and callbacks are in no share; lost and missed apart', () => {
    // Handled = answered 2 + lost 1 = 3; within 20 s: q1 only.
    expect(summarizeContacts(FIXTURE)).toMatchObject({
      offered: 5,
      answered: 2,
      answeredWithinThreshold: 1,
      abandoned: 2,
      abandonedShort: 1,
      callbacksRequested: 1,
      waiting: 0,
      serviceLevel: 1 / 3,
      abandonRate: 1 / 3,
      averageSpeedOfAnswerMs: s(35),
    });
    expect(queueFigures(FIXTURE)).toEqual({
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
  });

  it('by line and by menu choice, and missed offers per agent', () => {
    const q = phoneQueueBreakdown(FIXTURE);
    expect(q.byLine).toEqual([
      {
        key: 'line-a',
        lineId: 'line-a',
        node: null,
        topic: null,
        figures: {
          offered: 3,
          answered: 1,
          answeredWithinThreshold: 1,
          lost: 1,
          short: 1,
          callbacks: 0,
          missed: 1,
          serviceLevel: 1 / 2,
          abandonRate: 1 / 2,
          averageSpeedOfAnswerMs: s(20),
        },
      },
      {
        key: 'line-b',
        lineId: 'line-b',
        node: null,
        topic: null,
        figures: {
          offered: 2,
          answered: 1,
          answeredWithinThreshold: 0,
          lost: 0,
          short: 0,
          callbacks: 1,
          missed: 2,
          serviceLevel: 0,
          abandonRate: 0,
          averageSpeedOfAnswerMs: s(50),
        },
      },
    ]);
    // Line B has no menu: its calls are in no choice row.
    expect(q.byChoice.map((r) => [r.key, r.node, r.topic])).toEqual([
      ['line-a/cards', 'cards', 'Cards'],
      ['line-a/loans', 'loans', 'Loans'],
    ]);
    expect(q.byChoice[0]!.figures).toMatchObject({ offered: 2, answered: 1, short: 1, lost: 0, serviceLevel: 1 });
    expect(q.byChoice[1]!.figures).toMatchObject({
      offered: 1,
      answered: 0,
      lost: 1,
      missed: 1,
      serviceLevel: 0,
      abandonRate: 1,
      averageSpeedOfAnswerMs: null,
    });
    expect(q.missedByAgent).toEqual([
      { agentId: 'a2', missed: 2 },
      { agentId: 'a3', missed: 1 },
    ]);
  });

  it("the hub's short verdict decides: a hang-up at exactly 5 s is lost, not short", () => {
    const atFive = contact('q6', queuedCall({ outcome: 'abandoned', short: false, endedAt: T + s(5) }));
    expect(queueFigures([atFive])).toMatchObject({ lost: 1, short: 0, abandonRate: 1 });
    // A softphone-logged call keeps the inclusive 5 s rule.
    const logged = contactFromHistory({
      ...{ id: 'p', channel: 'phone', assigneeId: null, groupId: null, transfers: 0 },
      ...{ firstCustomerAt: null, firstAgentReplyAt: null, firstAgentReplyBy: null, closedAt: null },
      call: { direction: 'inbound', startedAt: T, answeredAt: null, endedAt: T + s(5) },
    })!;
    expect(summarizeContacts([logged]).abandonedShort).toBe(1);
    expect(queueFigures([logged]).offered).toBe(0);
  });

  it('an empty period and incomplete calls give zeros and no data, never NaN', () => {
    expect(phoneQueueBreakdown([])).toEqual({
      total: {
        offered: 0,
        answered: 0,
        answeredWithinThreshold: 0,
        lost: 0,
        short: 0,
        callbacks: 0,
        missed: 0,
        serviceLevel: null,
        abandonRate: null,
        averageSpeedOfAnswerMs: null,
      },
      byLine: [],
      byChoice: [],
      missedByAgent: [],
    });
    const jumped = contact('q7', queuedCall({ answeredAt: T - s(1), endedAt: T + s(9), missedOffers: 1 }), ['a2']);
    const q = phoneQueueBreakdown([jumped]);
    expect(q.total).toMatchObject({ offered: 0, missed: 0, serviceLevel: null });
    expect(q.missedByAgent).toEqual([]);
  });
});

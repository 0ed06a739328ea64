/**
 * Average handle time = talk + hold + after-call work, on a hand-computed fixture: holds from the
 * call record, after-call work from the agents' status history, CSAT from the thread; and the bad
 * input (missing events, contradictory times) that must give zeros or "no data", never NaN.
 */
import { describe, expect, it } from 'vitest';
import {
  contactFromHistory,
  holdWithin,
  parseCallFacts,
  type ThreadHistory,
} from '../../src/server/stats/contactFromHistory.js';
import {
  AFTER_CALL_GAP_MS,
  afterCallWorkByContact,
  afterCallWorkPeriods,
  withAfterCallWork,
  type StatusEvent,
} from '../../src/shared/stats/afterCallWork.js';
import { callTransition, heldPeriods, newCall } from '../../src/shared/softphone/callMachine.js';
import { summarizeBy } from '../../src/shared/stats/intervals.js';
import { summarizeContacts } from '../../src/shared/stats/kpi.js';

const T = Date.UTC(2026, 10, 25, 9, 0, 0);
const s = (seconds: number) => seconds * 1000;

const history = (over: Partial<ThreadHistory>): ThreadHistory => ({
  id: 't',
  channel: 'phone',
  assigneeId: 'ann',
  groupId: null,
  firstCustomerAt: null,
  firstAgentReplyAt: null,
  firstAgentReplyBy: null,
  closedAt: null,
  transfers: 0,
  call: null,
  ...over,
});

describe('hold time', () => {
  it('the call machine keeps each hold and resume, and a call ending on hold closes it', () => {
    let call = newCall({ id: 'c', direction: 'inbound', remoteUri: 'sip:1@x', at: T });
    call = callTransition(call, { type: 'answer' });
    call = callTransition(call, { type: 'established', at: T + s(10) });
    call = callTransition(call, { type: 'hold', on: true, at: T + s(40) });
    call = callTransition(call, { type: 'hold', on: false, at: T + s(70) });
    call = callTransition(call, { type: 'hold', on: true, at: T + s(100) });
    call = callTransition(call, { type: 'ended', at: T + s(115), by: 'remote', reason: 'bye' });
    expect(heldPeriods(call)).toEqual([
      { from: T + s(40), to: T + s(70) },
      { from: T + s(100), to: T + s(115) },
    ]);
    // A hold reported without a time changes the phase but cannot be measured.
    let untimed = callTransition(
      callTransition(newCall({ id: 'd', direction: 'inbound', remoteUri: 'x', at: T }), { type: 'established', at: T }),
      { type: 'hold', on: true },
    );
    untimed = callTransition(untimed, { type: 'hold', on: false });
    expect(untimed.phase).toBe('established');
    expect(heldPeriods(untimed)).toEqual([]);
  });

  it('talk excludes hold: answered at 10 s, held 30 s + 15 s, ended at 115 s → talk 60 s, hold 45 s', () => {
    const json = JSON.stringify({
      direction: 'inbound',
      startedAt: T,
      answeredAt: T + s(10),
      endedAt: T + s(115),
      holds: [
        { from: T + s(40), to: T + s(70) },
        { from: T + s(100), to: T + s(115) },
      ],
    });
    const c = contactFromHistory(history({ call: parseCallFacts(json) }))!;
    expect(c).toMatchObject({ talkMs: s(60), holdMs: s(45), afterCallWorkMs: 0 });
    expect(summarizeContacts([c]).averageHandleTimeMs).toBe(s(105));
  });

  it('holds outside the answered call are clipped, malformed ones ignored; older records without holds give 0', () => {
    expect(holdWithin([{ from: T - s(5), to: T + s(5) }, { from: 'x' }, null, 7], T, T + s(60))).toBe(s(5));
    expect(holdWithin([{ from: T, to: T + s(5) }], null, T + s(60))).toBe(0);
    const old = parseCallFacts(
      JSON.stringify({ direction: 'inbound', startedAt: T, answeredAt: T + s(2), endedAt: T + s(62) }),
    )!;
    expect(contactFromHistory(history({ call: old }))).toMatchObject({ talkMs: s(60), holdMs: 0 });
  });
});

describe('after-call work from the status history', () => {
  // Ann: call 1 answered at 0:10, ended 2:10 (talk 120 s); wrap-up 2:12 → 2:42 (30 s), then ready.
  //      call 2 answered at 5:00, ended 6:00 (talk 60 s); wrap-up starts 6:03, still running at 6:23 (20 s).
  // Bob: wrap-up 1:00 → 1:50 with no call before it: nobody's handle time.
  //      call 3 ended 3:00; wrap-up starts 3:00 + gap + 1 s: too late to be its wrap-up.
  const contacts = [
    contactFromHistory(
      history({
        id: 'call1',
        call: { direction: 'inbound', startedAt: T, answeredAt: T + s(10), endedAt: T + s(130) },
      }),
    )!,
    contactFromHistory(
      history({
        id: 'call2',
        call: { direction: 'inbound', startedAt: T + s(290), answeredAt: T + s(300), endedAt: T + s(360) },
      }),
    )!,
    contactFromHistory(
      history({
        id: 'call3',
        assigneeId: 'bob',
        call: { direction: 'inbound', startedAt: T + s(100), answeredAt: T + s(110), endedAt: T + s(180) },
      }),
    )!,
  ];
  const events: StatusEvent[] = [
    { agentId: 'ann', status: 'ready', startedAt: T - s(600) },
    { agentId: 'ann', status: 'after_call_work', startedAt: T + s(132) },
    { agentId: 'ann', status: 'ready', startedAt: T + s(162) },
    { agentId: 'ann', status: 'after_call_work', startedAt: T + s(363) },
    { agentId: 'bob', status: 'after_call_work', startedAt: T + s(60) },
    { agentId: 'bob', status: 'ready', startedAt: T + s(110) },
    { agentId: 'bob', status: 'after_call_work', startedAt: T + s(180) + AFTER_CALL_GAP_MS + 1000 },
    { agentId: 'bob', status: 'not_ready', startedAt: T + s(180) + AFTER_CALL_GAP_MS + 61_000 },
  ];
  const now = T + s(383);

  it('periods end at the next status, or now while still in wrap-up', () => {
    expect(afterCallWorkPeriods(events, now)).toEqual([
      { agentId: 'ann', from: T + s(132), to: T + s(162) },
      { agentId: 'ann', from: T + s(363), to: now },
      { agentId: 'bob', from: T + s(60), to: T + s(110) },
      { agentId: 'bob', from: T + s(180) + AFTER_CALL_GAP_MS + 1000, to: T + s(180) + AFTER_CALL_GAP_MS + 61_000 },
    ]);
  });

  it('each wrap-up belongs to the call that ended just before it; AHT = (120 + 30 + 60 + 20) / 2 for Ann', () => {
    const acw = afterCallWorkByContact(contacts, afterCallWorkPeriods(events, now));
    expect(Object.fromEntries(acw)).toEqual({ call1: s(30), call2: s(20) });
    const filled = withAfterCallWork(contacts, afterCallWorkPeriods(events, now));
    const byAgent = summarizeBy(filled, 'agentId');
    expect(byAgent.get('ann')!.averageHandleTimeMs).toBe(s(115));
    // Bob's only call keeps its talk time alone.
    expect(byAgent.get('bob')!.averageHandleTimeMs).toBe(s(70));
    // Inputs are not changed.
    expect(contacts[0]!.afterCallWorkMs).toBe(0);
  });

  it('a call ended on the softphone a few seconds after the hub logged the wrap-up still gets it (clock skew)', () => {
    const periods = [{ agentId: 'ann', from: T + s(128), to: T + s(158) }];
    expect(afterCallWorkByContact(contacts, periods).get('call1')).toBe(s(30));
  });

  it('no status history, or no calls: no after-call work and no NaN', () => {
    expect(afterCallWorkPeriods([], now)).toEqual([]);
    expect(withAfterCallWork([], afterCallWorkPeriods(events, now))).toEqual([]);
    expect(summarizeContacts(withAfterCallWork(contacts, [])).averageHandleTimeMs).toBe((s(120) + s(60) + s(70)) / 3);
  });

  it('a missed call never gets wrap-up', () => {
    const missed = contactFromHistory(
      history({ id: 'm', call: { direction: 'inbound', startedAt: T, answeredAt: null, endedAt: T + s(130) } }),
    )!;
    expect(afterCallWorkByContact([missed], [{ agentId: 'ann', from: T + s(131), to: T + s(160) }]).size).toBe(0);
  });
});

describe('CSAT and contacts with missing events', () => {
  it('a rating 1..5 is kept; anything else is no rating', () => {
    const chat = (csat: number | null) =>
      contactFromHistory(history({ channel: 'webchat', call: null, firstCustomerAt: T, closedAt: T + s(60), csat }))!;
    expect(chat(4).csat).toBe(4);
    expect([chat(0).csat, chat(6).csat, chat(2.5).csat, chat(Number.NaN).csat, chat(null).csat]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    const summary = summarizeContacts([chat(4), chat(5), chat(null)]);
    expect(summary).toMatchObject({ csatAverage: 4.5, csatResponses: 2 });
    expect(summarizeContacts([chat(null)]).csatAverage).toBeNull();
  });

  it('a thread with no customer message, no call and no close is incomplete: zeros and no data, never NaN', () => {
    const c = contactFromHistory(history({ channel: 'email', call: null }))!;
    const summary = summarizeContacts([c]);
    expect(summary).toMatchObject({ offered: 0, incomplete: 1, averageHandleTimeMs: null, serviceLevel: null });
    for (const value of Object.values(summary)) expect(Number.isNaN(value)).toBe(false);
  });

  it('a call whose answer precedes its start is incomplete; an empty day has no data', () => {
    const c = contactFromHistory(
      history({ call: { direction: 'inbound', startedAt: T, answeredAt: T - s(5), endedAt: T + s(30) } }),
    )!;
    expect(summarizeContacts([c])).toMatchObject({ incomplete: 1, answered: 0 });
    const empty = summarizeContacts([]);
    expect(empty).toMatchObject({ offered: 0, serviceLevel: null, abandonRate: null, averageHandleTimeMs: null });
  });
});

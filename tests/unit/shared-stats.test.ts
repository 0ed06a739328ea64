import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/shared/stats/contact.js';
import {
  agentsNeeded,
  averageSpeedOfAnswer,
  probabilityOfWaiting,
  serviceLevel,
  trafficErlangs,
} from '../../src/shared/stats/erlangC.js';
import { intervalKey, summarizeBy, summarizeByInterval } from '../../src/shared/stats/intervals.js';
import { summarizeContacts } from '../../src/shared/stats/kpi.js';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0); // 2026-03-01 10:00 UTC
const s = (seconds: number) => seconds * 1000;

function contact(partial: Partial<ContactRecord> & Pick<ContactRecord, 'id'>): ContactRecord {
  return {
    channel: 'phone',
    agentId: null,
    groupId: null,
    offeredAt: T0,
    answeredAt: null,
    abandonedAt: null,
    talkMs: 0,
    holdMs: 0,
    afterCallWorkMs: 0,
    transfers: 0,
    csat: null,
    ...partial,
  };
}

// A hand-computed fixture; the expected figures below are worked out in docs/stats-formulas.md.
const PHONE: ContactRecord[] = [
  contact({ id: 'p1', abandonedAt: T0 + s(4) }), // short abandon: counted apart
  contact({ id: 'p2', agentId: 'anna', answeredAt: T0 + s(20), talkMs: s(120), afterCallWorkMs: s(30), csat: 5 }),
  contact({
    id: 'p3',
    agentId: 'boris',
    answeredAt: T0 + s(21),
    talkMs: s(200),
    holdMs: s(20),
    afterCallWorkMs: s(10),
  }),
  contact({ id: 'p4', abandonedAt: T0 + s(30) }),
  contact({
    id: 'p5',
    agentId: 'anna',
    answeredAt: T0 + s(5),
    talkMs: s(300),
    holdMs: s(60),
    afterCallWorkMs: s(30),
    transfers: 1,
    csat: 3,
  }),
];
const MIDNIGHT_CHAT_OFFERED = Date.UTC(2026, 2, 1, 23, 55);
const CHAT: ContactRecord[] = [
  // Only the auto-reply answered; the customer gave up after 10 minutes.
  contact({ id: 'c1', channel: 'webchat', abandonedAt: T0 + s(600) }),
  // Spans midnight: offered 23:55, answered 00:03.
  contact({
    id: 'c2',
    channel: 'webchat',
    agentId: 'boris',
    offeredAt: MIDNIGHT_CHAT_OFFERED,
    answeredAt: MIDNIGHT_CHAT_OFFERED + s(480),
  }),
  contact({ id: 'c3', channel: 'webchat', agentId: 'anna', answeredAt: T0 + s(30) }),
];

describe('KPI formulas on a hand-computed fixture', () => {
  it('phone: service level, abandons, speed of answer, handle time, transfers, CSAT', () => {
    const k = summarizeContacts(PHONE);
    expect(k).toMatchObject({
      offered: 5,
      answered: 3,
      answeredWithinThreshold: 2, // p2 at exactly 20 s is inside; p3 at 21 s is not
      abandoned: 2,
      abandonedShort: 1,
      waiting: 0,
      incomplete: 0,
      transfers: 1,
      csatResponses: 2,
    });
    expect(k.serviceLevel).toBe(2 / 4);
    expect(k.abandonRate).toBe(1 / 4);
    expect(k.averageSpeedOfAnswerMs).toBeCloseTo(s(46) / 3, 6);
    expect(k.averageHandleTimeMs).toBeCloseTo(s(150 + 230 + 390) / 3, 6);
    expect(k.csatAverage).toBe(4);
  });

  it('web chat: an auto-reply is not an answer; first response time per channel threshold', () => {
    const k = summarizeContacts(CHAT);
    expect(k).toMatchObject({ offered: 3, answered: 2, answeredWithinThreshold: 1, abandoned: 1, abandonedShort: 0 });
    expect(k.serviceLevel).toBeCloseTo(1 / 3, 9);
    expect(k.abandonRate).toBeCloseTo(1 / 3, 9);
    expect(k.averageSpeedOfAnswerMs).toBe(s(255));
  });

  it('per agent and per channel', () => {
    const byAgent = summarizeBy([...PHONE, ...CHAT], 'agentId');
    expect(byAgent.get('anna')?.answered).toBe(3);
    expect(byAgent.get('boris')?.answered).toBe(2);
    expect(byAgent.get('none')?.abandoned).toBe(3);
    const byChannel = summarizeBy([...PHONE, ...CHAT], 'channel');
    expect(byChannel.get('phone')?.serviceLevel).toBe(0.5);
  });

  it('a thread spanning midnight counts on the day it was offered, in the lead’s time zone', () => {
    expect(intervalKey(MIDNIGHT_CHAT_OFFERED, 'day', 'UTC')).toBe('2026-03-01');
    expect(intervalKey(MIDNIGHT_CHAT_OFFERED, 'day', 'Europe/Moscow')).toBe('2026-03-02');
    const days = summarizeByInterval(CHAT, 'day', { timeZone: 'UTC' });
    expect(days.map((d) => [d.key, d.summary.offered])).toEqual([['2026-03-01', 3]]);
  });

  it('15-minute intervals', () => {
    const intervals = summarizeByInterval(PHONE.concat(CHAT), '15min');
    expect(intervals.map((i) => i.key)).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01T23:45:00.000Z']);
    expect(intervals[0]?.summary.offered).toBe(7);
  });
});

describe('bad input gives clear results, never NaN', () => {
  it('an empty period is "no data"', () => {
    const k = summarizeContacts([]);
    expect(k.offered).toBe(0);
    expect([k.serviceLevel, k.abandonRate, k.averageSpeedOfAnswerMs, k.averageHandleTimeMs, k.csatAverage]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('contacts with missing or contradictory events are counted as incomplete, nowhere else', () => {
    const k = summarizeContacts([
      contact({ id: 'x1', offeredAt: null, answeredAt: T0 }),
      contact({ id: 'x2', answeredAt: T0 - 1000 }),
      contact({ id: 'x3', csat: 9 }),
    ]);
    expect(k).toMatchObject({ incomplete: 2, offered: 1, waiting: 1, csatResponses: 0 });
    expect(k.serviceLevel).toBeNull();
    expect(Object.values(k).some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(false);
  });
});

describe('Erlang C against the published worked example', () => {
  // 100 calls in 30 minutes, 3-minute handle time, 80/20 target: 10 Erlangs; 14 agents give
  // P(wait) 17.4 %, service level 88.8 % and an average speed of answer of 7.8 s.
  const input = { callsPerHour: 200, ahtSeconds: 180 };

  it('traffic, probability of waiting, service level, ASA', () => {
    expect(trafficErlangs(input)).toBe(10);
    expect(probabilityOfWaiting(14, 10)).toBeCloseTo(0.1741, 3);
    expect(serviceLevel(14, input, 20)).toBeCloseTo(0.888, 3);
    expect(averageSpeedOfAnswer(14, input)).toBeCloseTo(7.83, 1);
    expect(probabilityOfWaiting(11, 10)).toBeCloseTo(0.6821, 3);
  });

  it('the staffing hint is the fewest agents meeting the target', () => {
    const hint = agentsNeeded(input, 0.8, 20);
    expect(hint.agents).toBe(14);
    expect(serviceLevel(13, input, 20)).toBeLessThan(0.8);
  });

  it('no traffic needs nobody; too few agents never meet the target', () => {
    expect(agentsNeeded({ callsPerHour: 0, ahtSeconds: 180 }, 0.8, 20).agents).toBe(0);
    expect(serviceLevel(10, input, 20)).toBe(0);
    expect(averageSpeedOfAnswer(9, input)).toBe(Number.POSITIVE_INFINITY);
    expect(() => agentsNeeded(input, 1.5, 20)).toThrow(/between 0 and 1/);
  });
});

/** A thread's history to a ContactRecord, and calendar days in a time zone (the hub's stats inputs). */
import { describe, expect, it } from 'vitest';
import { contactFromHistory, parseCallFacts, type ThreadHistory } from '../../src/server/stats/contactFromHistory.js';
import { dayOf, dayRange, startOfDay } from '../../src/server/stats/zonedDay.js';
import { summarizeContacts } from '../../src/shared/stats/kpi.js';
import { intervalKey } from '../../src/shared/stats/intervals.js';

const T = Date.UTC(2026, 10, 25, 23, 55);
const chat = (over: Partial<ThreadHistory>): ThreadHistory => ({
  id: 't',
  channel: 'webchat',
  assigneeId: null,
  groupId: null,
  firstCustomerAt: T,
  firstAgentReplyAt: null,
  firstAgentReplyBy: null,
  closedAt: null,
  transfers: 0,
  call: null,
  ...over,
});

describe('contactFromHistory', () => {
  it('a chat answered only by an auto-reply and then closed is an abandon, not an answer', () => {
    // Auto-replies are system messages: they never reach firstAgentReplyAt.
    const c = contactFromHistory(chat({ closedAt: T + 600_000, assigneeId: 'a1' }))!;
    expect(c).toMatchObject({ answeredAt: null, abandonedAt: T + 600_000 });
    expect(summarizeContacts([c])).toMatchObject({ abandoned: 1, answered: 0 });
  });

  it('a chat offered before midnight and answered after counts on the day it arrived', () => {
    const c = contactFromHistory(
      chat({ firstAgentReplyAt: T + 10 * 60_000, firstAgentReplyBy: 'a2', assigneeId: 'a1' }),
    )!;
    expect(c).toMatchObject({ agentId: 'a2', answeredAt: T + 600_000, abandonedAt: null, talkMs: 0 });
    expect(intervalKey(c.offeredAt!, 'day')).toBe('2026-11-25');
  });

  it('a chat still waiting, and a thread without a customer message (incomplete)', () => {
    expect(summarizeContacts([contactFromHistory(chat({}))!]).waiting).toBe(1);
    expect(summarizeContacts([contactFromHistory(chat({ firstCustomerAt: null, closedAt: T }))!]).incomplete).toBe(1);
  });

  it('calls: answered at exactly 20 s is inside 80/20, missed is an abandon, outbound is not a contact', () => {
    const answered = contactFromHistory(
      chat({
        channel: 'phone',
        assigneeId: 'a1',
        transfers: 1,
        call: { direction: 'inbound', startedAt: T, answeredAt: T + 20_000, endedAt: T + 140_000 },
      }),
    )!;
    expect(answered).toMatchObject({ agentId: 'a1', answeredAt: T + 20_000, talkMs: 120_000, transfers: 1 });
    const missed = contactFromHistory(
      chat({ channel: 'phone', call: { direction: 'inbound', startedAt: T, answeredAt: null, endedAt: T + 4000 } }),
    )!;
    expect(summarizeContacts([answered, missed])).toMatchObject({ serviceLevel: 1, abandonedShort: 1 });
    expect(
      contactFromHistory(
        chat({ channel: 'phone', call: { direction: 'outbound', startedAt: T, answeredAt: null, endedAt: T } }),
      ),
    ).toBeNull();
  });

  it('malformed call facts are ignored', () => {
    expect(parseCallFacts('{not json')).toBeNull();
    expect(parseCallFacts('{"direction":"inbound","startedAt":"x","answeredAt":null,"endedAt":1}')).toBeNull();
    expect(parseCallFacts(null)).toBeNull();
  });
});

describe('zoned days', () => {
  it('a daylight-saving day has 23 hours, and days start at local midnight', () => {
    const { from, to } = dayRange('2026-03-29', 1, 'Europe/Berlin');
    expect(from).toBe(Date.UTC(2026, 2, 28, 23));
    expect(to - from).toBe(23 * 3_600_000);
    expect(startOfDay('2026-11-25', 'Asia/Kolkata')).toBe(Date.UTC(2026, 10, 24, 18, 30));
    expect(dayOf(Date.UTC(2026, 10, 24, 18, 30), 'Asia/Kolkata')).toBe('2026-11-25');
  });

  it('refuses an unknown zone and an impossible day', () => {
    expect(() => startOfDay('2026-11-25', 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => startOfDay('2026-02-30', 'UTC')).toThrow(/no such day/);
  });
});

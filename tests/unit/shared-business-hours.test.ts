import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  BusinessHours,
  isOpen,
  nextOpening,
  openIntervals,
  parseClock,
} from '../../src/shared/queue/businessHours.js';
import { deadlineFor, DEFAULT_SLA_POLICY, responseTarget, slaState } from '../../src/shared/queue/slaPolicy.js';

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => Date.parse(iso);

/** Moscow (UTC+3): weekdays 09:00–18:00, Friday a late shift 20:00–02:00 (across midnight), weekend closed. */
const hours: BusinessHours = BusinessHours.parse({
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

describe('business hours', () => {
  it('knows when it is open, in local time', () => {
    // 2026-03-02 is a Monday. 09:00 Moscow = 06:00 UTC.
    expect(isOpen(hours, at('2026-03-02T05:59:00Z'))).toBe(false);
    expect(isOpen(hours, at('2026-03-02T06:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-03-02T14:59:59Z'))).toBe(true);
    expect(isOpen(hours, at('2026-03-02T15:00:00Z'))).toBe(false);
    expect(isOpen(null, 0)).toBe(true);
  });

  it('carries a Friday night shift past midnight into Saturday', () => {
    // Friday 2026-03-06 20:00 Moscow = 17:00 UTC; the shift ends Saturday 02:00 Moscow = Friday 23:00 UTC.
    expect(isOpen(hours, at('2026-03-06T16:30:00Z'))).toBe(false);
    expect(isOpen(hours, at('2026-03-06T22:30:00Z'))).toBe(true); // Saturday 01:30 local
    expect(isOpen(hours, at('2026-03-06T23:00:00Z'))).toBe(false);
    expect(openIntervals(hours, at('2026-03-06T22:00:00Z'), at('2026-03-07T22:00:00Z'))).toEqual([
      [at('2026-03-06T22:00:00Z'), at('2026-03-06T23:00:00Z')],
    ]);
  });

  it('finds the next opening across a weekend', () => {
    // Saturday noon local → Monday 09:00 local.
    expect(nextOpening(hours, at('2026-03-07T09:00:00Z'))).toBe(at('2026-03-09T06:00:00Z'));
    expect(nextOpening(hours, at('2026-03-02T07:00:00Z'))).toBe(at('2026-03-02T07:00:00Z'));
    expect(nextOpening({ utcOffsetMinutes: 0, week: [[], [], [], [], [], [], []] }, 0)).toBeNull();
  });

  it('stops the SLA clock while closed: across midnight and across a weekend', () => {
    // Friday 01:50 before close of the night shift (Sat 01:50 local = Fri 22:50 UTC), 30 min target:
    // 10 min on Friday night, the weekend closed, the remaining 20 min on Monday from 09:00.
    expect(addBusinessTime(hours, at('2026-03-06T22:50:00Z'), 30 * MIN)).toBe(at('2026-03-09T06:20:00Z'));
    // Monday 17:59 local, 2 h target → 1 min Monday, 119 min Tuesday from 09:00.
    expect(addBusinessTime(hours, at('2026-03-02T14:59:00Z'), 2 * H)).toBe(at('2026-03-03T07:59:00Z'));
    // Inside hours it is plain addition.
    expect(addBusinessTime(hours, at('2026-03-02T07:00:00Z'), MIN)).toBe(at('2026-03-02T07:01:00Z'));
    expect(addBusinessTime(null, 5, 10)).toBe(15);
    expect(() => addBusinessTime({ utcOffsetMinutes: 0, week: [[], [], [], [], [], [], []] }, 0, 1)).toThrow(
      /no open time/,
    );
  });

  it('refuses a malformed schedule', () => {
    expect(BusinessHours.safeParse({ utcOffsetMinutes: 0, week: [[[600, 500]], [], [], [], [], [], []] }).success).toBe(
      false,
    );
    expect(BusinessHours.safeParse({ utcOffsetMinutes: 0, week: [[]] }).success).toBe(false);
    expect(parseClock('09:30')).toBe(570);
    expect(() => parseClock('9h')).toThrow(/time of day/);
  });
});

describe('SLA policy', () => {
  const policy = {
    ...DEFAULT_SLA_POLICY,
    topicTargets: { fraud: { phone: 5_000, webchat: 10_000 } },
    businessHours: hours,
    alwaysOpen: ['phone' as const],
  };

  it('takes a topic target before the channel target', () => {
    expect(responseTarget(policy, 'webchat', 'fraud')).toBe(10_000);
    expect(responseTarget(policy, 'email', 'fraud')).toBe(2 * H);
    expect(responseTarget(policy, 'webchat', null)).toBe(MIN);
  });

  it('counts business hours except for always-open channels', () => {
    const saturday = at('2026-03-07T09:00:00Z');
    expect(deadlineFor(policy, { channel: 'phone', topic: null }, saturday)).toBe(saturday + 20_000);
    expect(deadlineFor(policy, { channel: 'webchat', topic: null }, saturday)).toBe(at('2026-03-09T06:01:00Z'));
  });

  it('marks overdue threads', () => {
    expect(slaState(null, 5)).toBe('none');
    expect(slaState(10, 5)).toBe('ok');
    expect(slaState(5, 5)).toBe('overdue');
  });
});

describe('queue view order', () => {
  it('puts a changed thread back in its place without a full sort', async () => {
    const { reposition } = await import('../../src/shared/queue/queueOrder.js');
    const { compareByDeadline } = await import('../../src/shared/sla.js');
    const t = (id: string, slaDueAt: number | null) => ({ id, slaDueAt, lastMessageAt: 0 });
    const view = [t('a', 1), t('b', 5), t('c', 9), t('d', null)];
    reposition(view, t('d', 4), compareByDeadline);
    expect(view.map((x) => x.id)).toEqual(['a', 'd', 'b', 'c']);
    reposition(view, t('a', null), compareByDeadline);
    expect(view.map((x) => x.id)).toEqual(['d', 'b', 'c', 'a']);
    reposition(view, t('e', 6), compareByDeadline);
    expect(view.map((x) => x.id)).toEqual(['d', 'b', 'e', 'c', 'a']);
  });
});

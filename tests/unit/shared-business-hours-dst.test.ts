/**
 * Business hours in a zone with daylight saving time: the opening stays at local wall-clock time
 * across the switch, and SLA deadlines count open time only (no hour gained or lost).
 */
import { describe, expect, it } from 'vitest';
import {
  BusinessHours,
  addBusinessTime,
  isOpen,
  nextOpening,
  utcOffsetMinutesAt,
} from '../../src/shared/queue/businessHours.js';
import { wallToUtc, zoneOffsetMs } from '../../src/shared/queue/timeZone.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const weekdays = (interval: [number, number]) => [[], [interval], [interval], [interval], [interval], [interval], []];

/** Berlin, Monday–Friday 09:00–18:00; DST 2026 starts Sun 29 March, ends Sun 25 October. */
const berlin = BusinessHours.parse({ timeZone: 'Europe/Berlin', week: weekdays([540, 1080]) });
/** New York, every day 00:00–24:00 but Saturday: the switch night itself is open. DST 2026: 8 March, 1 November. */
const newYork = BusinessHours.parse({
  timeZone: 'America/New_York',
  week: [[[0, 1440]], [[0, 1440]], [[0, 1440]], [[0, 1440]], [[0, 1440]], [[0, 1440]], []],
});

describe('wall-clock time in a zone', () => {
  it('knows the offsets on both sides of the switch and maps skipped and repeated times', () => {
    expect(zoneOffsetMs('Europe/Berlin', at('2026-03-29T00:59:59Z'))).toBe(1 * H);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(2 * H);
    // 02:30 does not exist on 29 March in Berlin: it lands past the jump, at 03:30 CEST.
    expect(wallToUtc('Europe/Berlin', at('2026-03-29T02:30:00Z'))).toBe(at('2026-03-29T01:30:00Z'));
    // 02:30 happens twice on 25 October: the first one (CEST) is taken.
    expect(wallToUtc('Europe/Berlin', at('2026-10-25T02:30:00Z'))).toBe(at('2026-10-25T00:30:00Z'));
    expect(wallToUtc('Europe/Berlin', at('2026-10-25T03:30:00Z'))).toBe(at('2026-10-25T02:30:00Z'));
  });

  it('refuses an unknown zone with its name', () => {
    const bad = BusinessHours.safeParse({ timeZone: 'Europe/Atlantis', week: weekdays([540, 1080]) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(
      'unknown time zone "Europe/Atlantis"; use an IANA name such as Europe/Berlin',
    );
  });
});

describe('business hours across daylight saving time', () => {
  it('opens at 09:00 local before and after the spring switch (08:00 UTC, then 07:00 UTC)', () => {
    expect(nextOpening(berlin, at('2026-03-27T18:00:00Z'))).toBe(at('2026-03-30T07:00:00Z'));
    expect(nextOpening(berlin, at('2026-03-26T20:00:00Z'))).toBe(at('2026-03-27T08:00:00Z'));
    expect(isOpen(berlin, at('2026-03-30T07:30:00Z'))).toBe(true); // 09:30 CEST
    expect(isOpen(berlin, at('2026-03-27T07:30:00Z'))).toBe(false); // 08:30 CET
  });

  it('carries a deadline over the spring weekend into Monday at local time', () => {
    // Friday 17:30 CET + 2 h of open time: 30 min on Friday, 1 h 30 on Monday from 09:00 CEST.
    expect(addBusinessTime(berlin, at('2026-03-27T16:30:00Z'), 2 * H)).toBe(at('2026-03-30T08:30:00Z'));
  });

  it('carries a deadline over the autumn weekend into Monday at local time', () => {
    // Friday 17:00 CEST + 2 h: 1 h on Friday, 1 h on Monday from 09:00 CET (08:00 UTC).
    expect(addBusinessTime(berlin, at('2026-10-23T15:00:00Z'), 2 * H)).toBe(at('2026-10-26T09:00:00Z'));
  });

  it('counts the short spring night and the long autumn night by the real hours that pass', () => {
    // Open around the clock on Sunday: 4 h of open time from 00:00 EST is 05:00 EDT (the 02:00 hour does not exist).
    const springStart = at('2026-03-08T05:00:00Z'); // 00:00 EST
    expect(addBusinessTime(newYork, springStart, 4 * H)).toBe(springStart + 4 * H);
    expect(utcOffsetMinutesAt(newYork, springStart + 4 * H)).toBe(-240);
    // Sunday 1 November has 25 hours: open time from Sunday 00:00 EDT to Monday 00:00 EST is 25 h.
    const autumnStart = at('2026-11-01T04:00:00Z'); // 00:00 EDT
    expect(addBusinessTime(newYork, autumnStart, 25 * H)).toBe(at('2026-11-02T05:00:00Z'));
    expect(utcOffsetMinutesAt(newYork, at('2026-11-02T05:00:00Z'))).toBe(-300);
  });

  it('keeps the fixed-offset schedules as they were', () => {
    const moscow = BusinessHours.parse({ utcOffsetMinutes: 180, week: weekdays([540, 1080]) });
    expect(nextOpening(moscow, at('2026-03-27T16:00:00Z'))).toBe(at('2026-03-30T06:00:00Z'));
    expect(utcOffsetMinutesAt(moscow, 0)).toBe(180);
  });
});

/**
 * Business hours of a contact center as a weekly schedule in its local time, and the arithmetic the
 * SLA clock needs: is it open, when does it open next, and what moment lies N minutes of open time
 * after another. Pure: every function takes the time it works on; nothing reads a clock.
 */
import { z } from 'zod';
import { isTimeZone, wallToUtc, zoneOffsetMs } from './timeZone.js';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const DAY = DAY_MINUTES * MINUTE;

/** One open interval in minutes from its weekday's local midnight; the end may run past midnight (up to 48:00). */
export const OpenInterval = z
  .tuple([
    z
      .number()
      .int()
      .min(0)
      .max(DAY_MINUTES - 1),
    z
      .number()
      .int()
      .min(1)
      .max(2 * DAY_MINUTES),
  ])
  .refine(([start, end]) => end > start, 'an interval must end after it starts')
  .refine(([start, end]) => end - start <= DAY_MINUTES, 'an interval may not be longer than a day');

export const BusinessHours = z.object({
  /** Local time of the contact center minus UTC, in minutes (Moscow: 180); ignored when `timeZone` is set. */
  utcOffsetMinutes: z
    .number()
    .int()
    .min(-14 * 60)
    .max(14 * 60)
    .default(0),
  /**
   * An IANA zone ("Europe/Berlin"): the week is read in its wall-clock time, so the hours follow
   * daylight saving time (a 09:00 opening stays 09:00 local across the switch).
   */
  timeZone: z
    .string()
    .refine(isTimeZone, {
      error: (issue) => `unknown time zone "${String(issue.input)}"; use an IANA name such as Europe/Berlin`,
    })
    .optional(),
  /** Index 0 is Sunday, as Date#getUTCDay counts. An empty day is closed. */
  week: z.array(z.array(OpenInterval)).length(7),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

/** "HH:MM" from minutes after midnight, for configuration files people write by hand. */
export function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a time of day like 09:00`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 48 || minutes > 59) throw new Error(`"${text}" is not a time of day like 09:00`);
  return hours * 60 + minutes;
}

/** Absolute [start, end) intervals (UTC ms) of open time that overlap [from, to), merged and in order. */
export function openIntervals(hours: BusinessHours, from: number, to: number): [number, number][] {
  const zone = hours.timeZone;
  const fixed = hours.utcOffsetMinutes * MINUTE;
  // Wall-clock time (as if UTC) <-> the instant, in the zone or at the fixed offset.
  const toUtc = (wall: number) => (zone ? wallToUtc(zone, wall) : wall - fixed);
  const toWall = (utc: number) => utc + (zone ? zoneOffsetMs(zone, utc) : fixed);
  // Local midnight of the day before `from`: an interval of that day may run past midnight into `from`.
  const firstDay = Math.floor(toWall(from) / DAY) - 1;
  const lastDay = Math.floor(toWall(to) / DAY);
  const out: [number, number][] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    for (const [start, end] of hours.week[weekday] ?? []) {
      // Each end converted on its own: across a DST switch the day is 23 or 25 hours long.
      const a = Math.max(from, toUtc(day * DAY + start * MINUTE));
      const b = Math.min(to, toUtc(day * DAY + end * MINUTE));
      if (a < b) out.push([a, b]);
    }
  }
  out.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const interval of out) {
    const last = merged.at(-1);
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  return merged;
}

function hasAnyOpenTime(hours: BusinessHours): boolean {
  return hours.week.some((day) => day.length > 0);
}

export function isOpen(hours: BusinessHours | null, at: number): boolean {
  if (!hours) return true;
  return openIntervals(hours, at, at + 1).length > 0;
}

/** `at` itself when open; otherwise the next opening; null when the schedule is never open. */
export function nextOpening(hours: BusinessHours | null, at: number): number | null {
  if (!hours) return at;
  if (!hasAnyOpenTime(hours)) return null;
  const first = openIntervals(hours, at, at + 8 * DAY)[0];
  return first ? first[0] : null;
}

/**
 * The moment `durationMs` of open time after `start`: the SLA clock stops while the center is
 * closed. A schedule with no open time never reaches a deadline, so that is refused.
 */
export function addBusinessTime(hours: BusinessHours | null, start: number, durationMs: number): number {
  if (!hours) return start + durationMs;
  if (!hasAnyOpenTime(hours)) throw new Error('business hours have no open time, so no deadline can be reached');
  let left = durationMs;
  let from = start;
  for (;;) {
    for (const [a, b] of openIntervals(hours, from, from + 8 * DAY)) {
      if (left <= b - a) return a + left;
      left -= b - a;
    }
    from += 8 * DAY;
  }
}

/** The center's local time minus UTC at `at`, in minutes (follows DST when a time zone is set), for formatting. */
export function utcOffsetMinutesAt(hours: BusinessHours | null, at: number): number {
  if (!hours) return 0;
  return hours.timeZone ? Math.round(zoneOffsetMs(hours.timeZone, at) / MINUTE) : hours.utcOffsetMinutes;
}

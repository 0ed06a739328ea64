/** Calendar days in a time zone as UTC instants: where a day starts and ends, and which day an instant is in. */
import { OknoError } from '../../shared/errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a validation error for a zone Intl does not know. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new OknoError('bad_request', `unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** YYYY-MM-DD of `at` in the zone. */
export function dayOf(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The instant the zone's calendar day `day` (YYYY-MM-DD) begins. */
export function startOfDay(day: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new OknoError('bad_request', `day must be YYYY-MM-DD, got "${day}"`);
  const guess = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!);
  if (Number.isNaN(guess) || new Date(guess).toISOString().slice(0, 10) !== day) {
    throw new OknoError('bad_request', `no such day "${day}"`);
  }
  let at = guess - offsetAt(guess, timeZone);
  // Around a daylight-saving change the offset at the guess can differ from the offset at midnight.
  at = guess - offsetAt(at, timeZone);
  return at;
}

/** [start, end) of `days` calendar days from `day` in the zone (23- and 25-hour days included). */
export function dayRange(day: string, days: number, timeZone: string): { from: number; to: number } {
  const from = startOfDay(day, timeZone);
  const last = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + days));
  return { from, to: startOfDay(last.toISOString().slice(0, 10), timeZone) };
}

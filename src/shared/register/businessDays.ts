/**
 * Business days of the register's calendar (decision 0035), on calendar days written YYYY-MM-DD: pure
 * date arithmetic, no time zone. The hub turns an instant into its day in the hub's zone and back.
 */

export interface BusinessCalendar {
  /** ISO weekdays that are worked: 1 Monday … 7 Sunday. */
  workingDays: readonly number[];
  /** Days off besides the weekends (YYYY-MM-DD). */
  holidays: readonly string[];
}

function toUtc(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`a day is written YYYY-MM-DD, got "${day}"`);
  const date = new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!));
  if (date.toISOString().slice(0, 10) !== day) throw new Error(`no such day "${day}"`);
  return date;
}

/** The day `n` calendar days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const date = toUtc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = toUtc(day).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isBusinessDay(day: string, calendar: BusinessCalendar): boolean {
  return calendar.workingDays.includes(isoWeekday(day)) && !calendar.holidays.includes(day);
}

/**
 * The day a deadline of `n` business days falls on, counted after `day` (the day the complaint was
 * registered does not count, worked or not): Friday + 1 → Monday; a holiday is skipped like a weekend.
 * Throws when the calendar has no business day at all within ten years (every weekday a holiday).
 */
export function addBusinessDays(day: string, n: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`business days must be a whole number above 0, got ${n}`);
  const holidays = new Set(calendar.holidays);
  const worked = new Set(calendar.workingDays);
  const date = toUtc(day);
  let counted = 0;
  for (let step = 0; step < 3660 + n * 7; step++) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    const iso = date.toISOString().slice(0, 10);
    if (worked.has(weekday) && !holidays.has(iso)) counted++;
    if (counted === n) return iso;
  }
  throw new Error('the business calendar has no working day in ten years');
}

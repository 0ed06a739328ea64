/**
 * Wall-clock time in an IANA time zone, for business hours that follow daylight saving time
 * (Europe/Berlin opens at 09:00 local in winter and in summer). Uses the platform's Intl data;
 * one formatter per zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the platform knows `timeZone` ("Europe/Berlin"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local time minus UTC, in ms, in `timeZone` at the instant `utc`. */
export function zoneOffsetMs(timeZone: string, utc: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utc))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(utc / 1000) * 1000;
}

/**
 * The instant at which clocks in `timeZone` show `wall` (wall-clock ms as if it were UTC). A time
 * skipped by the spring change (02:30 in Berlin) maps to the same distance past the jump; a time
 * repeated in autumn maps to its first occurrence.
 */
export function wallToUtc(timeZone: string, wall: number): number {
  const before = zoneOffsetMs(timeZone, wall - 86_400_000);
  const after = zoneOffsetMs(timeZone, wall + 86_400_000);
  if (before === after) return wall - before;
  // A change happens within a day of `wall`: try the earlier offset first (first occurrence).
  const early = wall - before;
  if (zoneOffsetMs(timeZone, early) === before) return early;
  const late = wall - after;
  if (zoneOffsetMs(timeZone, late) === after) return late;
  return early; // In the gap: the offset before the jump carries it past the jump.
}

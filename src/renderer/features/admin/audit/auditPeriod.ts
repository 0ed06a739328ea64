/** The audit tab's period: calendar days typed in the agent's zone, sent as epoch ms (`to` exclusive). */

/** "2026-12-06" for the local calendar day of `ms`. */
export function dayOf(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** From the start of `fromDay` to the end of `toDay` (local), or null when a day does not read or the period is reversed. */
export function periodOf(fromDay: string, toDay: string): { from: number; to: number } | null {
  const start = localMidnight(fromDay);
  const end = localMidnight(toDay);
  if (start === null || end === null) return null;
  const to = new Date(end);
  to.setDate(to.getDate() + 1);
  return start < to.getTime() ? { from: start, to: to.getTime() } : null;
}

function localMidnight(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/** Figures as the panel shows them: percentages, durations, and whether a figure meets its target. */
export const SERVICE_LEVEL_TARGET = 0.8;
export const ABANDON_TARGET = 0.05;

export function percent(value: number | null): string | null {
  return value === null ? null : `${Math.round(value * 1000) / 10} %`;
}

export function duration(ms: number | null): string | null {
  if (ms === null) return null;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** 'good' / 'bad' against a target, 'none' without data. */
export function against(value: number | null, target: number, higherIsBetter: boolean): 'good' | 'bad' | 'none' {
  if (value === null) return 'none';
  return (higherIsBetter ? value >= target : value <= target) ? 'good' : 'bad';
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** YYYY-MM-DD of the day before `day`. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function todayIn(timeZone: string, at = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Quarter-hour slot (0..95) of an interval key (UTC ISO) in the zone. */
export function slotOf(key: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(key))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 4 + Math.floor(Number(parts.minute) / 15);
}

export function csvOf(rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const text = typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The business calendar form's pure parts. */

/** ISO weekdays, Monday (1) to Sunday (7), as the hub counts them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The holidays with `day` added (YYYY-MM-DD), sorted, each once; a malformed day is ignored. */
export function addHoliday(holidays: readonly string[], day: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return [...holidays];
  return [...new Set([...holidays, day])].sort();
}

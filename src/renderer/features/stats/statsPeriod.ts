/** The period a lead picks for the stats tables and exports, as the hub's `day` + `days`. */
import { dayBefore } from './statsFormat.js';

export type PeriodChoice = 'today' | 'yesterday' | 'last7' | 'custom';
export const PERIOD_CHOICES: readonly PeriodChoice[] = ['today', 'yesterday', 'last7', 'custom'];
/** The hub answers at most this many days at once. */
export const MAX_PERIOD_DAYS = 62;

export type PeriodRange =
  { ok: true; day: string; days: number } | { ok: false; problem: 'missing' | 'order' | 'tooLong' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * `today` is the hub zone's calendar day. A custom period runs from `from` to `to`, both included;
 * days in the future are allowed (the hub answers them with zeros and "no data").
 */
export function periodRange(choice: PeriodChoice, today: string, from = '', to = ''): PeriodRange {
  switch (choice) {
    case 'today':
      return { ok: true, day: today, days: 1 };
    case 'yesterday':
      return { ok: true, day: dayBefore(today), days: 1 };
    case 'last7': {
      let day = today;
      for (let i = 0; i < 6; i++) day = dayBefore(day);
      return { ok: true, day, days: 7 };
    }
    case 'custom': {
      if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
        return { ok: false, problem: 'missing' };
      }
      const days = daysBetween(from, to) + 1;
      if (days < 1) return { ok: false, problem: 'order' };
      if (days > MAX_PERIOD_DAYS) return { ok: false, problem: 'tooLong' };
      return { ok: true, day: from, days };
    }
  }
}

/** One table of a period's figures as rows: shown in the panel and exported to CSV / XLSX as the same cells. */
import type { RequestOutput } from '../../../shared/contract.js';

export type PeriodStats = RequestOutput<'stats.period'>;
export const PERIOD_TABLES = ['byAgent', 'byGroup', 'byChannel', 'byDay', 'byHour', 'by15min'] as const;
export type PeriodTable = (typeof PERIOD_TABLES)[number];

export const PERIOD_COLUMNS = [
  'key',
  'offered',
  'answered',
  'abandoned',
  'serviceLevel',
  'abandonRate',
  'asa',
  'aht',
  'transfers',
  'csat',
  'csatResponses',
] as const;
export type PeriodColumn = (typeof PERIOD_COLUMNS)[number];

/** Percentages with one decimal, durations in whole seconds, CSAT with two decimals; null is "no data". */
export type Cell = string | number | null;

const round = (value: number | null, factor: number) => (value === null ? null : Math.round(value * factor) / factor);

/** The key as a person reads it: agent names, channel names, interval starts in the hub's zone. */
export function periodRows(
  period: PeriodStats,
  table: PeriodTable,
  label: (table: PeriodTable, key: string) => string,
): Cell[][] {
  return period[table].map(({ key, summary: s }) => [
    label(table, key),
    s.offered,
    s.answered,
    s.abandoned,
    round(s.serviceLevel === null ? null : s.serviceLevel * 100, 10),
    round(s.abandonRate === null ? null : s.abandonRate * 100, 10),
    round(s.averageSpeedOfAnswerMs === null ? null : s.averageSpeedOfAnswerMs / 1000, 1),
    round(s.averageHandleTimeMs === null ? null : s.averageHandleTimeMs / 1000, 1),
    s.transfers,
    round(s.csatAverage, 100),
    s.csatResponses,
  ]);
}

/** "YYYY-MM-DD HH:mm" of an interval's start (UTC ISO key) in the zone. */
export function intervalLabel(key: string, timeZone: string): string {
  const at = Date.parse(key);
  if (Number.isNaN(at)) return key;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

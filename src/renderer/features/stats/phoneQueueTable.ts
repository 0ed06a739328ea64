/**
 * The phone queue of a period as table rows (by line, by menu choice, missed offers by agent): shown
 * in the panel and exported to CSV / XLSX as the same cells. Older hubs send no queue: no rows.
 */
import type { PhoneQueueWire } from '../../../shared/stats/statsWire.js';
import type { Cell } from './periodTable.js';

export type PhoneQueue = PhoneQueueWire;
type QueueRow = PhoneQueue['byLine'][number];

export const QUEUE_COLUMNS = [
  'key',
  'offered',
  'answered',
  'serviceLevel',
  'asa',
  'abandonRate',
  'lost',
  'short',
  'callbacks',
  'missed',
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

const round = (value: number | null, factor: number) => (value === null ? null : Math.round(value * factor) / factor);

/** Percentages with one decimal, speed of answer in seconds with one; null is "no data". */
export function queueRows(rows: readonly QueueRow[], label: (row: QueueRow) => string): Cell[][] {
  return rows.map((row) => {
    const f = row.figures;
    return [
      label(row),
      f.offered,
      f.answered,
      round(f.serviceLevel === null ? null : f.serviceLevel * 100, 10),
      round(f.averageSpeedOfAnswerMs === null ? null : f.averageSpeedOfAnswerMs / 1000, 10),
      round(f.abandonRate === null ? null : f.abandonRate * 100, 10),
      f.lost,
      f.short,
      f.callbacks,
      f.missed,
    ];
  });
}

/** The line as a person reads it: its name, else its id (a line removed since), else `none`. */
export function lineLabel(row: QueueRow, none: string): string {
  return row.lineName ?? row.lineId ?? none;
}

/**
 * A table of a period's figures as CSV or XLSX rows: one row per key, the KPIs as columns; the phone
 * queue's tables (by line, by menu choice, missed offers by agent) with their own columns.
 */
import ExcelJS from 'exceljs';
import type { KpiSummary } from '../../shared/stats/kpi.js';
import type { QueueFigures } from '../../shared/stats/phoneQueue.js';
import type { PeriodStats } from './statsService.js';

const KPI_TABLES = ['byAgent', 'byGroup', 'byChannel', 'by15min', 'byHour', 'byDay'] as const;
export const STATS_TABLES = [...KPI_TABLES, 'queueByLine', 'queueByChoice', 'queueMissedByAgent'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

const QUEUE_COLUMNS: (keyof QueueFigures)[] = [
  'offered',
  'answered',
  'answeredWithinThreshold',
  'serviceLevel',
  'averageSpeedOfAnswerMs',
  'abandonRate',
  'lost',
  'short',
  'callbacks',
  'missed',
];

const COLUMNS: (keyof KpiSummary)[] = [
  'offered',
  'answered',
  'answeredWithinThreshold',
  'abandoned',
  'abandonedShort',
  'callbacksRequested',
  'waiting',
  'serviceLevel',
  'abandonRate',
  'averageSpeedOfAnswerMs',
  'averageHandleTimeMs',
  'transfers',
  'csatAverage',
  'csatResponses',
];

type Cell = string | number | null;

function queueRows(period: PeriodStats, table: Exclude<StatsTable, (typeof KPI_TABLES)[number]>): Cell[][] {
  const queue = period.phoneQueue;
  if (table === 'queueMissedByAgent') {
    return [['agentId', 'missed'], ...queue.missedByAgent.map((m) => [m.agentId, m.missed])];
  }
  const rows = table === 'queueByLine' ? queue.byLine : queue.byChoice;
  return [
    ['key', 'lineId', 'lineName', 'node', 'topic', ...QUEUE_COLUMNS],
    ...rows.map((r) => [r.key, r.lineId, r.lineName, r.node, r.topic, ...QUEUE_COLUMNS.map((c) => r.figures[c])]),
  ];
}

export function statsTableRows(period: PeriodStats, table: StatsTable): Cell[][] {
  if (table === 'queueByLine' || table === 'queueByChoice' || table === 'queueMissedByAgent') {
    return queueRows(period, table);
  }
  const header = ['key', ...COLUMNS];
  const rows = period[table].map((row) => [row.key, ...COLUMNS.map((c) => row.summary[c])]);
  return [header, ...rows];
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  // Quote separators and quotes; defuse cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statsTableCsv(period: PeriodStats, table: StatsTable): string {
  return statsTableRows(period, table)
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

export async function statsTableXlsx(period: PeriodStats, table: StatsTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table);
  for (const row of statsTableRows(period, table)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

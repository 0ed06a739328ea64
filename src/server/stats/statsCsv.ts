/** A table of a period's figures as CSV or XLSX rows: one row per key, the KPIs as columns. */
import ExcelJS from 'exceljs';
import type { KpiSummary } from '../../shared/stats/kpi.js';
import type { PeriodStats } from './statsService.js';

export const STATS_TABLES = ['byAgent', 'byGroup', 'byChannel', 'by15min', 'byHour', 'byDay'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

const COLUMNS: (keyof KpiSummary)[] = [
  'offered',
  'answered',
  'answeredWithinThreshold',
  'abandoned',
  'abandonedShort',
  'waiting',
  'serviceLevel',
  'abandonRate',
  'averageSpeedOfAnswerMs',
  'averageHandleTimeMs',
  'transfers',
  'csatAverage',
  'csatResponses',
];

export function statsTableRows(period: PeriodStats, table: StatsTable): (string | number | null)[][] {
  const header = ['key', ...COLUMNS];
  const rows = period[table].map((row) => [row.key, ...COLUMNS.map((c) => row.summary[c])]);
  return [header, ...rows];
}

function csvCell(value: string | number | null): string {
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

/**
 * The export as a file: CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic) or XLSX, the
 * same columns as an import file so the headers map themselves. Documents arrive masked; a cell a
 * spreadsheet would run as a formula starts with an apostrophe.
 */
import { PassThrough } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ImportFormat } from '../../../shared/hubApi/customerImportApi.js';
import type { ExportRow } from './customerExportRepo.js';

const COLUMNS: [keyof ExportRow, string][] = [
  ['externalId', 'Customer ID'],
  ['name', 'Name'],
  ['phones', 'Phones'],
  ['emails', 'Emails'],
  ['birthDate', 'Birth date'],
  ['address', 'Address'],
  ['passports', 'Passport'],
  ['cards', 'Cards'],
  ['accounts', 'Accounts'],
  ['notes', 'Notes'],
];

/** =, @, a tab or CR, or +/- not followed by a plain number (a phone stays as it is). */
const FORMULA_START = /^(?:[=@\t\r]|[+-](?![\d\s()-]*$))/;

export function safeCell(value: string | null): string {
  const text = value ?? '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function exportFile(
  rows: Iterable<ExportRow>,
  format: ImportFormat,
): Promise<{ bytes: Buffer; rows: number }> {
  return format === 'csv' ? csvFile(rows) : xlsxFile(rows);
}

/** Rows written between two yields to the event loop (an export of 100 000 customers must not stall the hub). */
const STEP_ROWS = 1000;

async function csvFile(rows: Iterable<ExportRow>): Promise<{ bytes: Buffer; rows: number }> {
  const lines = [COLUMNS.map(([, title]) => title).join(',')];
  let count = 0;
  for (const row of rows) {
    lines.push(COLUMNS.map(([key]) => csvField(safeCell(row[key]))).join(','));
    if (++count % STEP_ROWS === 0) await yieldToLoop();
  }
  return { bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), rows: count };
}

async function xlsxFile(rows: Iterable<ExportRow>): Promise<{ bytes: Buffer; rows: number }> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Customers');
  const header = sheet.addRow(COLUMNS.map(([, title]) => title));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for (const row of rows) {
    // Text cells: a phone or a masked number must not become a number or a formula.
    sheet.addRow(COLUMNS.map(([key]) => safeCell(row[key]))).commit();
    if (++count % STEP_ROWS === 0) await yieldToLoop();
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return { bytes: Buffer.concat(parts), rows: count };
}

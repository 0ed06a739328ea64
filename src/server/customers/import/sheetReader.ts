/**
 * The rows of an uploaded file, CSV or XLSX (told apart by the zip signature, not the name): a CSV
 * must be UTF-8 (customerImportEncoding names what it is otherwise), an XLSX is read from its first
 * worksheet with exceljs's streaming reader, cell values turned into the text the lead sees.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { OknoError } from '../../../shared/errors.js';
import { CsvFormatError, csvRows, type SheetRow } from '../../../shared/customers/customerImportCsv.js';
import { decodeUtf8File } from '../../../shared/customers/customerImportEncoding.js';
import { maskPans } from '../../../shared/customers/customerImportMask.js';
import type { ImportFormat } from '../../../shared/hubApi/customerImportApi.js';

export interface Sheet {
  format: ImportFormat;
  header: string[];
  /** Data rows (after the header), in order; read with `for await`. */
  rows: Iterable<SheetRow> | AsyncIterable<SheetRow>;
  /** CSV: every row must have the header's number of cells. XLSX leaves trailing empty cells out. */
  strictCells: boolean;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function formatOf(bytes: Uint8Array): ImportFormat {
  return ZIP_SIGNATURE.every((b, i) => bytes[i] === b) ? 'xlsx' : 'csv';
}

/** Opens the file; refuses one that is not UTF-8 (CSV), not a workbook (XLSX) or has no header row. */
export async function openSheet(bytes: Buffer): Promise<Sheet> {
  return formatOf(bytes) === 'xlsx' ? openXlsx(bytes) : openCsv(bytes);
}

function openCsv(bytes: Buffer): Sheet {
  const decoded = decodeUtf8File(bytes);
  if (!decoded.ok)
    throw new OknoError('bad_request', decoded.message, undefined, {
      encoding: decoded.encoding,
      byte: decoded.byte,
      line: decoded.line,
    });
  const rows = csvRows(decoded.text);
  const first = nextOrThrow(rows);
  if (!first) throw new OknoError('bad_request', 'the file is empty: no header row');
  const header = headerOf(first.cells);
  return {
    format: 'csv',
    header,
    strictCells: true,
    rows: (function* () {
      for (;;) {
        const next = nextOrThrow(rows);
        if (!next) return;
        yield next;
      }
    })(),
  };
}

/** The header row; masked like any cell shown back, in case the file has no header and this is a customer. */
function headerOf(cells: readonly string[]): string[] {
  const header = cells.map((cell) => maskPans(cell.trim()));
  if (header.every((cell) => cell === ''))
    throw new OknoError('bad_request', 'the first row is empty: it must name the columns (the header row)');
  return header;
}

function nextOrThrow(rows: Generator<SheetRow>): SheetRow | null {
  try {
    const next = rows.next();
    return next.done ? null : next.value;
  } catch (error) {
    if (error instanceof CsvFormatError) throw new OknoError('bad_request', `the CSV is malformed: ${error.message}`);
    throw error;
  }
}

async function openXlsx(bytes: Buffer): Promise<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const rows = xlsxRows(reader)[Symbol.asyncIterator]();
  const first = await rows.next();
  if (first.done) throw new OknoError('bad_request', 'the workbook has no rows in its first sheet: no header row');
  const header = headerOf(first.value.cells);
  return {
    format: 'xlsx',
    header,
    strictCells: false,
    rows: { [Symbol.asyncIterator]: () => rows },
  };
}

async function* xlsxRows(reader: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<SheetRow> {
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.every((cell) => cell.trim() === '')) continue;
        yield { row: row.number, cells };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof OknoError) throw error;
    throw new OknoError('bad_request', `the file is not a readable XLSX workbook (${(error as Error).message})`);
  }
}

/** What a cell shows, as text: dates as YYYY-MM-DD, whole numbers in full, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
  }
  return '';
}

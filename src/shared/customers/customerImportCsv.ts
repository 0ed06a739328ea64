/**
 * CSV as spreadsheets write it (RFC 4180): fields in double quotes may hold the delimiter, quotes
 * ("") and line breaks; the delimiter is the one the header line uses most — a Russian Excel writes
 * ";", others "," or a tab. Rows are numbered as the spreadsheet shows them: the header is row 1.
 */

export interface SheetRow {
  /** The row's number as the lead's spreadsheet shows it (header = 1). */
  row: number;
  cells: string[];
}

export class CsvFormatError extends Error {}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the first line uses most (outside quotes); "," when it uses none. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Each record of the text in order, blank lines skipped; throws CsvFormatError on a quote left open. */
export function* csvRows(text: string, delimiter = detectDelimiter(text)): Generator<SheetRow> {
  let row = 0;
  let cells: string[] = [];
  let cell = '';
  let i = 0;
  let quotedFrom = -1;
  const n = text.length;
  const finish = (): SheetRow | null => {
    cells.push(cell);
    row++;
    const done = cells;
    cells = [];
    cell = '';
    return done.length === 1 && done[0] === '' ? null : { row, cells: done };
  };
  while (i < n) {
    const char = text[i]!;
    if (quotedFrom >= 0) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quotedFrom = -1;
      } else cell += char;
      i++;
      continue;
    }
    if (char === '"' && cell === '') quotedFrom = row + 1;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      const done = finish();
      if (done) yield done;
    } else cell += char;
    i++;
  }
  if (quotedFrom >= 0) throw new CsvFormatError(`row ${quotedFrom}: a quoted field is never closed (a " is missing)`);
  if (cell !== '' || cells.length > 0) {
    const done = finish();
    if (done) yield done;
  }
}

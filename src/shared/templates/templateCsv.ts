/**
 * The template library as CSV, one row per text: folder, title, tags (separated by "; "), hotkey,
 * language, channel (empty for every channel), text. Rows with the same folder and title make one
 * template. Errors name the line.
 */
import { describeIssues } from '../validation.js';
import { TemplateInput, type Template } from './template.js';

export const CSV_HEADER = ['folder', 'title', 'tags', 'hotkey', 'language', 'channel', 'text'] as const;

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function templatesToCsv(
  templates: readonly Pick<Template, 'folder' | 'title' | 'tags' | 'hotkey' | 'bodies'>[],
): string {
  const lines = [CSV_HEADER.join(',')];
  for (const t of templates) {
    for (const body of t.bodies) {
      lines.push(
        [t.folder, t.title, t.tags.join('; '), t.hotkey ?? '', body.language, body.channel ?? '', body.text]
          .map(quote)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvError';
  }
}

/** RFC 4180 records with the line each starts on. */
export function parseCsv(source: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new CsvError(line, 'a quote in the middle of an unquoted field');
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (quoted) throw new CsvError(start, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

export function templatesFromCsv(source: string): TemplateInput[] {
  const records = parseCsv(source.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header || header.fields.join(',') !== CSV_HEADER.join(',')) {
    throw new CsvError(1, `the first line must be the header ${CSV_HEADER.join(',')}`);
  }
  const byKey = new Map<string, { line: number; raw: Record<string, unknown>; bodies: unknown[] }>();
  for (const { line, fields } of records) {
    if (fields.length !== CSV_HEADER.length) {
      throw new CsvError(line, `expected ${CSV_HEADER.length} fields, found ${fields.length}`);
    }
    const [folder, title, tags, hotkey, language, channel, text] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const key = `${folder}\u0001${title}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        line,
        raw: {
          folder,
          title,
          tags: tags
            .split(';')
            .map((t) => t.trim())
            .filter(Boolean),
          hotkey: hotkey || null,
        },
        bodies: [],
      };
      byKey.set(key, entry);
    }
    entry.bodies.push({ language, channel: channel || null, text });
  }
  return [...byKey.values()].map(({ line, raw, bodies }) => {
    const parsed = TemplateInput.safeParse({ ...raw, bodies });
    if (!parsed.success) throw new CsvError(line, describeIssues(parsed.error));
    return parsed.data;
  });
}

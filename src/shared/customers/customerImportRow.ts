/**
 * One row of the bank's file checked against the lead's mapping: each mapped cell parsed (cards by
 * Luhn, passports and accounts by their digits, phones to E.164, dates to YYYY-MM-DD) or a problem
 * naming the row, the column and what is wrong. A problem never holds a card number — parseDocument's
 * messages name at most its last four digits.
 */
import { z } from 'zod';
import { LIMITS } from '../domain.js';
import { toE164 } from '../softphone/phoneNumber.js';
import { KeyProblem, parseDocument, type DocumentKind } from './bankKeys.js';
import { CUSTOMER_NOTES_MAX } from './customerCard.js';
import { ImportField, type ImportMapping } from './customerImportFields.js';
import { maskPans } from './customerImportMask.js';

export const RowProblemCode = z.enum([
  ...KeyProblem.options,
  'required',
  'too_long',
  'phone_invalid',
  'email_invalid',
  'birth_date_invalid',
  'cell_count',
  'no_key',
  'duplicate',
]);
export type RowProblemCode = z.infer<typeof RowProblemCode>;

/** What is wrong with one row: the renderer says it from `code` and `params`, `message` is the English form. */
export const RowProblem = z.object({
  row: z.number().int().positive(),
  /** The header of the column, or null when the whole row is at fault. */
  column: z.string().nullable(),
  field: ImportField.nullable(),
  code: RowProblemCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type RowProblem = z.infer<typeof RowProblem>;

/** A document ready for the hub's documents repository (digits + masked form). */
export interface ImportDocument {
  kind: DocumentKind;
  value: string;
  masked: string;
}

/** A row that passed: only mapped fields are set; an unmapped field is left as it is on update. */
export interface ImportRecord {
  row: number;
  externalId?: string;
  name?: string;
  phones?: string[];
  emails?: string[];
  birthDate?: string | null;
  address?: string | null;
  passport?: ImportDocument | null;
  cards?: ImportDocument[];
  accounts?: ImportDocument[];
  codeWord?: string | null;
  notes?: string;
}

export type CheckedRow = { ok: true; record: ImportRecord } | { ok: false; problems: RowProblem[] };

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  externalId: 100,
  name: LIMITS.customerName,
  address: 500,
  codeWord: 100,
  notes: CUSTOMER_NOTES_MAX,
};

/** Several phones, emails, cards or accounts in one cell: separated by commas, semicolons or line breaks. */
const LIST_SEPARATOR = /[,;\n\r]+/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** YYYY-MM-DD from 1990-05-17, 17.05.1990 or 17/05/1990, or null when it is not a real date. */
export function parseBirthDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dotted
      ? [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])]
      : [0, 0, 0];
  if (year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Checks one row. `header` names the columns in problems; `strictCells` (CSV) refuses a row whose
 * cell count differs from the header's — a value holding the delimiter without quotes shifts every
 * column after it, and importing that would file passports under addresses.
 */
export function checkRow(
  row: number,
  cells: readonly string[],
  mapping: ImportMapping,
  header: readonly string[],
  strictCells: boolean,
): CheckedRow {
  const problems: RowProblem[] = [];
  const problem = (
    column: number | null,
    field: ImportField | null,
    code: RowProblemCode,
    message: string,
    params: Record<string, string | number> = {},
  ) =>
    problems.push({
      row,
      column: column === null ? null : (header[column] ?? `#${column + 1}`),
      field,
      code,
      // A problem quotes the cell; a card number typed into any column is masked in the quote.
      params: Object.fromEntries(
        Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? maskPans(value) : value]),
      ),
      message: maskPans(
        `row ${row}${column === null ? '' : `, column "${header[column] ?? `#${column + 1}`}"`}: ${message}`,
      ),
    });
  if (strictCells && cells.length !== header.length) {
    problem(
      null,
      null,
      'cell_count',
      `the row has ${cells.length} cells and the header ${header.length} (a value holding the delimiter needs quotes)`,
      { cells: cells.length, expected: header.length },
    );
    return { ok: false, problems };
  }
  const record: ImportRecord = { row };
  const list = <K extends 'phones' | 'emails' | 'cards' | 'accounts'>(key: K): NonNullable<ImportRecord[K]> =>
    (record[key] ??= [] as never) as NonNullable<ImportRecord[K]>;

  mapping.forEach((field, column) => {
    if (field === null) return;
    const text = (cells[column] ?? '').trim();
    const max = MAX_LENGTH[field];
    if (max !== undefined && text.length > max) {
      problem(column, field, 'too_long', `is ${text.length} characters long; at most ${max}`, {
        length: text.length,
        max,
      });
      return;
    }
    switch (field) {
      case 'externalId':
        if (text === '') problem(column, field, 'required', 'the customer id is empty');
        else record.externalId = text;
        return;
      case 'name':
        if (text === '') problem(column, field, 'required', "the customer's name is empty");
        else record.name = text.replace(/\s+/g, ' ');
        return;
      case 'birthDate': {
        if (text === '') return void (record.birthDate = null);
        const date = parseBirthDate(text);
        if (date === null)
          problem(column, field, 'birth_date_invalid', `"${text}" is not a date (write 1990-05-17 or 17.05.1990)`, {
            value: text,
          });
        else record.birthDate = date;
        return;
      }
      case 'address':
        record.address = text === '' ? null : text;
        return;
      case 'codeWord':
        record.codeWord = text === '' ? null : text;
        return;
      case 'notes':
        record.notes = text;
        return;
      case 'passport': {
        if (text === '') return void (record.passport = null);
        const parsed = parseDocument('passport', text);
        if (!parsed.ok) problem(column, field, parsed.problem, parsed.message);
        else record.passport = { kind: 'passport', value: parsed.value, masked: parsed.masked };
        return;
      }
      case 'cards':
      case 'accounts': {
        const kind = field === 'cards' ? 'card' : 'account';
        const documents = list(field);
        for (const part of text.split(LIST_SEPARATOR)) {
          if (part.trim() === '') continue;
          const parsed = parseDocument(kind, part);
          if (!parsed.ok) {
            const params: Record<string, string | number> = {};
            const digits = part.replace(/\D/g, '');
            if (parsed.problem === 'card_length') params.digits = digits.length;
            if (parsed.problem === 'card_checksum') params.last4 = digits.slice(-4);
            problem(column, field, parsed.problem, parsed.message, params);
          } else if (!documents.some((d) => d.value === parsed.value))
            documents.push({ kind, value: parsed.value, masked: parsed.masked });
        }
        return;
      }
      case 'phones': {
        const phones = list(field);
        for (const part of text.split(LIST_SEPARATOR)) {
          if (part.trim() === '') continue;
          const e164 = toE164(part.trim());
          if (e164 === null)
            problem(column, field, 'phone_invalid', `"${part.trim()}" is not a phone number`, { value: part.trim() });
          else if (!phones.includes(e164)) phones.push(e164);
        }
        return;
      }
      case 'emails': {
        const emails = list(field);
        for (const part of text.split(LIST_SEPARATOR)) {
          const email = part.trim().toLowerCase();
          if (email === '') continue;
          if (!EMAIL.test(email) || email.length > 254)
            problem(column, field, 'email_invalid', `"${part.trim()}" is not an email address`, { value: part.trim() });
          else if (!emails.includes(email)) emails.push(email);
        }
        return;
      }
    }
  });
  if (problems.length === 0 && !hasKey(record, mapping))
    problem(
      null,
      null,
      'no_key',
      'the row has no customer id, passport, card, account or phone: a re-import could not find this customer',
    );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, record };
}

/** Whether the row holds a value of some mapped match field (its customer can be found again). */
function hasKey(record: ImportRecord, mapping: ImportMapping): boolean {
  if (mapping.includes('externalId')) return record.externalId !== undefined;
  return (
    Boolean(record.passport) ||
    (record.cards?.length ?? 0) > 0 ||
    (record.accounts?.length ?? 0) > 0 ||
    (record.phones?.length ?? 0) > 0
  );
}

/**
 * What a column of the bank's customer file may become (decision 0031, "Import and export"): the
 * fields, which of them take several columns or several values in one cell, and the lead's mapping
 * of the file's columns onto them. The hub checks a mapping before reading a single row.
 */
import { z } from 'zod';

export const ImportField = z.enum([
  'externalId',
  'name',
  'phones',
  'emails',
  'birthDate',
  'address',
  'passport',
  'cards',
  'accounts',
  'codeWord',
  'notes',
]);
export type ImportField = z.infer<typeof ImportField>;

/** Fields that hold a list: several columns may map to them, and a cell may hold several values. */
export const MULTI_FIELDS: ReadonlySet<ImportField> = new Set(['phones', 'emails', 'cards', 'accounts']);

/**
 * Fields by which a re-import finds the customer it imported before, in the order they are tried
 * (externalId first; the others only when the file has no externalId column). A phone is tried last
 * because a family shares one (decision 0031).
 */
export const MATCH_FIELDS: readonly ImportField[] = ['externalId', 'passport', 'cards', 'accounts', 'phones'];

/** The largest file the hub takes for an import (a 100 000-row base is ~20 MB as CSV). */
export const IMPORT_FILE_MAX_BYTES = 64 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;
export const IMPORT_MAX_COLUMNS = 100;

/** The lead's mapping: for each column of the file (by position), the field it fills or null (ignored). */
export const ImportMapping = z
  .array(ImportField.nullable())
  .min(1, 'the mapping names no column')
  .max(IMPORT_MAX_COLUMNS);
export type ImportMapping = z.infer<typeof ImportMapping>;

/** Why a mapping cannot be used; each names the field or column it is about. */
export type MappingProblem =
  | { code: 'name_missing'; message: string }
  | { code: 'key_missing'; message: string }
  | { code: 'field_twice'; field: ImportField; columns: string[]; message: string }
  | { code: 'column_missing'; column: number; message: string };

/**
 * Refuses a mapping before any row is read: the name is required, some key must be mapped so a
 * re-import can update instead of duplicating, a single-value field takes one column, and every
 * mapped column must exist in the file.
 */
export function mappingProblems(mapping: ImportMapping, header: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  mapping.forEach((field, column) => {
    if (field !== null && column >= header.length)
      problems.push({
        code: 'column_missing',
        column: column + 1,
        message: `column ${column + 1} is mapped to ${field} but the file has only ${header.length} columns`,
      });
  });
  const mapped = new Set(mapping.filter((f): f is ImportField => f !== null));
  if (!mapped.has('name'))
    problems.push({ code: 'name_missing', message: "no column is mapped to the customer's name (name)" });
  if (!MATCH_FIELDS.some((field) => mapped.has(field)))
    problems.push({
      code: 'key_missing',
      message:
        'map a customer id (externalId), passport, card, account or phone column: a re-import finds customers by it',
    });
  for (const field of mapped) {
    if (MULTI_FIELDS.has(field)) continue;
    const columns = mapping.flatMap((f, i) => (f === field ? [header[i] ?? `#${i + 1}`] : []));
    if (columns.length > 1)
      problems.push({
        code: 'field_twice',
        field,
        columns,
        message: `${field} is mapped from ${columns.length} columns (${columns.join(', ')}); it takes one`,
      });
  }
  return problems;
}

/**
 * The same key twice in one file is refused on both rows: two rows with one customer id, passport,
 * card or account would otherwise be written one over the other, and which of them is right only
 * the bank knows. A phone counts as a key only on rows the import would find by phone (no customer
 * id column, no document in the row): a family shares a number, and two such rows would silently
 * become one customer.
 */
import type { ImportField } from './customerImportFields.js';
import type { ImportRecord, RowProblem } from './customerImportRow.js';
import { maskPans } from './customerImportMask.js';

const KEY_NAMES: Partial<Record<ImportField, string>> = {
  externalId: 'customer id',
  passport: 'passport',
  cards: 'card',
  accounts: 'account',
  phones: 'phone',
};

export class DuplicateKeys {
  private readonly seen = new Map<string, { row: number; column: string | null }>();

  /**
   * @param byExternalId the file maps a customer id column (then phones are not keys).
   * @param columnOf the header of the column a field came from (for the problem's column).
   */
  constructor(
    private readonly byExternalId: boolean,
    private readonly columnOf: (field: ImportField) => string | null,
  ) {}

  /** Problems for this row and for each earlier row that holds one of its keys. */
  add(record: ImportRecord): RowProblem[] {
    const problems: RowProblem[] = [];
    for (const [field, key, shown] of this.keysOf(record)) {
      const earlier = this.seen.get(key);
      if (!earlier) {
        this.seen.set(key, { row: record.row, column: this.columnOf(field) });
        continue;
      }
      if (earlier.row === record.row) continue;
      problems.push(this.problem(record.row, field, earlier.row, shown));
      problems.push(this.problem(earlier.row, field, record.row, shown));
    }
    return problems;
  }

  private problem(row: number, field: ImportField, other: number, shown: string): RowProblem {
    const what = KEY_NAMES[field] ?? field;
    const column = this.columnOf(field);
    return {
      row,
      column,
      field,
      code: 'duplicate',
      params: { other, key: maskPans(shown) },
      message: maskPans(
        `row ${row}${column ? `, column "${column}"` : ''}: the same ${what} (${shown}) is also on row ${other}`,
      ),
    };
  }

  /** [field, unique key, what a problem may show of it] — a card is shown masked. */
  private keysOf(record: ImportRecord): [ImportField, string, string][] {
    const keys: [ImportField, string, string][] = [];
    if (record.externalId !== undefined) keys.push(['externalId', `e:${record.externalId}`, record.externalId]);
    if (record.passport) keys.push(['passport', `p:${record.passport.value}`, record.passport.masked]);
    for (const card of record.cards ?? []) keys.push(['cards', `c:${card.value}`, card.masked]);
    for (const account of record.accounts ?? []) keys.push(['accounts', `a:${account.value}`, account.masked]);
    const hasDocument = Boolean(record.passport) || (record.cards?.length ?? 0) + (record.accounts?.length ?? 0) > 0;
    if (!this.byExternalId && !hasDocument)
      for (const phone of record.phones ?? []) keys.push(['phones', `t:${phone}`, phone]);
    return keys;
  }
}

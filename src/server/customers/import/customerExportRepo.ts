/**
 * The customers an export holds, read in one pass: the card, the profile, phones and emails, and
 * the documents in their masked form only (`shown`) — the full passport or account number
 * (`value`) is never selected, and a card number is not in the database at all.
 */
import type { Database } from '../../storage/database.js';

export interface ExportRow {
  externalId: string | null;
  name: string;
  phones: string | null;
  emails: string | null;
  birthDate: string | null;
  address: string | null;
  passports: string | null;
  cards: string | null;
  accounts: string | null;
  notes: string;
}

const PAGE = 1000;

export class CustomerExportRepo {
  private readonly allStmt;

  constructor(db: Database) {
    const identities = (kind: string) =>
      `(SELECT group_concat(value, ', ') FROM (SELECT value FROM customer_identities i
         WHERE i.customer_id = c.id AND i.kind = '${kind}' ORDER BY i.created_at, i.value))`;
    const documents = (kind: string) =>
      `(SELECT group_concat(shown, ', ') FROM (SELECT shown FROM customer_documents d
         WHERE d.customer_id = c.id AND d.kind = '${kind}' ORDER BY d.created_at, d.shown))`;
    this.allStmt = db.prepare(
      `SELECT c.external_id AS externalId, c.name, ${identities('phone')} AS phones, ${identities('email')} AS emails,
         c.birth_date AS birthDate, c.address, ${documents('passport')} AS passports, ${documents('card')} AS cards,
         ${documents('account')} AS accounts, c.notes, c.created_at AS createdAt, c.id
       FROM customers c WHERE c.merged_into IS NULL AND c.kind != 'anonymous'
         AND (c.created_at > ? OR (c.created_at = ? AND c.id > ?))
       ORDER BY c.created_at, c.id LIMIT ${PAGE}`,
    );
  }

  /** Every customer but merged ones and the anonymous catch-all, oldest first, read a page at a time. */
  *all(): Generator<ExportRow> {
    let after = { createdAt: -1, id: '' };
    for (;;) {
      const page = this.allStmt.all(after.createdAt, after.createdAt, after.id) as (ExportRow & {
        createdAt: number;
        id: string;
      })[];
      for (const { createdAt: _at, id: _id, ...row } of page) yield row;
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }
}

/**
 * The bank's keys to each customer (passport, card, account): found by their keyed hash, shown
 * masked, and — for passports and accounts only — read in full once the customer is identified.
 * Card numbers reach this repository already cut to a hash and their last four digits.
 */
import { formatDocument, type DocumentKind, type StoredDocument } from '../../shared/customers/bankKeys.js';
import type { KeyedHash } from '../customers/keyedHash.js';
import type { Database } from './database.js';

/** A parsed document on its way in (bankKeys.parseDocument's ok result). */
export interface DocumentInput {
  kind: DocumentKind;
  /** Digits only. For a card this is the PAN: it is hashed and cut here, never written. */
  value: string;
  masked: string;
}

interface DocumentRow {
  kind: DocumentKind;
  shown: string;
  value: string | null;
}

export class CustomerDocumentsRepo {
  private readonly ownerStmt;
  private readonly ofStmt;
  private readonly putStmt;
  private readonly clearStmt;

  constructor(
    db: Database,
    private readonly hash: KeyedHash,
  ) {
    this.ownerStmt = db.prepare(
      'SELECT customer_id AS customerId FROM customer_documents WHERE kind = ? AND lookup = ?',
    );
    this.ofStmt = db.prepare(
      'SELECT kind, shown, value FROM customer_documents WHERE customer_id = ? ORDER BY kind, created_at, shown',
    );
    this.putStmt = db.prepare(
      `INSERT INTO customer_documents (kind, lookup, customer_id, shown, value, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, lookup) DO UPDATE SET customer_id = excluded.customer_id, shown = excluded.shown,
         value = excluded.value`,
    );
    this.clearStmt = db.prepare('DELETE FROM customer_documents WHERE customer_id = ? AND kind = ?');
  }

  /** Who holds this document (digits only), or null. */
  ownerOf(kind: DocumentKind, digits: string): string | null {
    const row = this.ownerStmt.get(kind, this.hash.document(kind, digits)) as { customerId: string } | undefined;
    return row?.customerId ?? null;
  }

  /** Adds (or moves to this customer) one document. Call inside a write transaction. */
  put(customerId: string, document: DocumentInput, now: number): void {
    const full = document.kind === 'card' ? null : document.value;
    this.putStmt.run(
      document.kind,
      this.hash.document(document.kind, document.value),
      customerId,
      document.masked,
      full,
      now,
    );
  }

  /** Replaces every document of one kind the customer has (a re-import's list is the bank's truth). */
  replaceKind(customerId: string, kind: DocumentKind, documents: readonly DocumentInput[], now: number): void {
    this.clearStmt.run(customerId, kind);
    for (const document of documents) this.put(customerId, document, now);
  }

  /** The customer's documents: masked, or (passport, account) in full when `revealed`. */
  of(customerId: string, revealed: boolean): StoredDocument[] {
    return (this.ofStmt.all(customerId) as DocumentRow[]).map((row) =>
      revealed && row.value !== null && row.kind !== 'card'
        ? { kind: row.kind, shown: formatDocument(row.kind, row.value), revealed: true }
        : { kind: row.kind, shown: row.shown, revealed: false },
    );
  }
}

/**
 * What the desk knows of a customer beyond the synced card: the bank's own id (re-imports match on
 * it), whether the card is a customer, a potential one or the anonymous catch-all, the personal
 * fields identification asks about, and the code word's keyed hash (customer_secrets).
 */
import type { Database } from './database.js';

import type { CustomerKind } from '../../shared/domain.js';

export type { CustomerKind };

export interface CustomerProfile {
  externalId: string | null;
  kind: CustomerKind;
  /** YYYY-MM-DD */
  birthDate: string | null;
  address: string | null;
  hasCodeWord: boolean;
}

export type ProfilePatch = Partial<Pick<CustomerProfile, 'externalId' | 'kind' | 'birthDate' | 'address'>>;

interface ProfileRow {
  external_id: string | null;
  kind: CustomerKind;
  birth_date: string | null;
  address: string | null;
  has_code_word: number;
}

export class CustomerProfilesRepo {
  private readonly getStmt;
  private readonly patchStmt;
  private readonly byExternalStmt;
  private readonly codeWordStmt;
  private readonly setCodeWordStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare(
      `SELECT external_id, kind, birth_date, address,
         EXISTS (SELECT 1 FROM customer_secrets s WHERE s.customer_id = c.id) AS has_code_word
       FROM customers c WHERE id = ?`,
    );
    this.patchStmt = db.prepare(
      'UPDATE customers SET external_id = ?, kind = ?, birth_date = ?, address = ? WHERE id = ?',
    );
    this.byExternalStmt = db.prepare('SELECT id FROM customers WHERE external_id = ?');
    this.codeWordStmt = db.prepare('SELECT code_word_hash AS hash FROM customer_secrets WHERE customer_id = ?');
    this.setCodeWordStmt = db.prepare(
      `INSERT INTO customer_secrets (customer_id, code_word_hash, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET code_word_hash = excluded.code_word_hash, updated_at = excluded.updated_at`,
    );
  }

  get(customerId: string): CustomerProfile | null {
    const row = this.getStmt.get(customerId) as ProfileRow | undefined;
    if (!row) return null;
    return {
      externalId: row.external_id,
      kind: row.kind,
      birthDate: row.birth_date,
      address: row.address,
      hasCodeWord: row.has_code_word === 1,
    };
  }

  /** Changes the given fields (others unchanged). Call inside a write transaction. */
  patch(customerId: string, patch: ProfilePatch): void {
    const current = this.get(customerId);
    if (!current) throw new Error(`customer ${customerId} does not exist`);
    const next = { ...current, ...patch };
    this.patchStmt.run(next.externalId, next.kind, next.birthDate, next.address, customerId);
  }

  /** The customer the bank knows by this id. */
  byExternalId(externalId: string): string | null {
    return (this.byExternalStmt.get(externalId) as { id: string } | undefined)?.id ?? null;
  }

  /** The code word's keyed hash (keyedHash.codeWord), never the word. */
  codeWordHash(customerId: string): string | null {
    return (this.codeWordStmt.get(customerId) as { hash: string } | undefined)?.hash ?? null;
  }

  setCodeWordHash(customerId: string, hash: string, now: number): void {
    this.setCodeWordStmt.run(customerId, hash, now);
  }
}

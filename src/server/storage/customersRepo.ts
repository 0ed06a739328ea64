import type { Customer, CustomerIdentity, CustomerKind } from '../../shared/domain.js';
import { toE164 } from '../../shared/softphone/phoneNumber.js';
import { CustomerSearchRepo } from './customerSearchRepo.js';
import type { Database } from './database.js';
import type { Tx } from './writer.js';

interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  notes: string;
  merged_into: string | null;
  kind: CustomerKind;
  created_at: number;
  updated_at: number;
}

/** The card fields an agent changes (name, notes) and what a merge or an unlink rewrites. */
export interface CardPatch {
  name?: string;
  notes?: string;
  phone?: string | null;
  email?: string | null;
  mergedInto?: string | null;
}

/** A merged customer points at the one that absorbed it; chains longer than this are a bug. */
const MAX_MERGE_CHAIN = 20;

export class CustomersRepo {
  private readonly upsertStmt;
  private readonly byIdStmt;
  private readonly countStmt;
  private readonly identitiesStmt;
  private readonly ensureIdentityStmt;
  private readonly patchStmt;

  /** The search index is kept with the card: every saved, renamed or merged card is reindexed in `touch`. */
  constructor(
    db: Database,
    private readonly searchIndex = new CustomerSearchRepo(db),
  ) {
    this.upsertStmt = db.prepare(
      `INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email,
         updated_at = excluded.updated_at`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM customers WHERE id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM customers');
    this.identitiesStmt = db.prepare(
      'SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY created_at, kind, value',
    );
    this.ensureIdentityStmt = db.prepare(
      'INSERT OR IGNORE INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)',
    );
    this.patchStmt = db.prepare(
      `UPDATE customers SET name = ?, notes = ?, phone = ?, email = ?, merged_into = ?, updated_at = ?
       WHERE id = ?`,
    );
  }

  /** Stores the customer; its phone and email become identities unless someone else already has them. */
  save(tx: Tx, customer: Customer): void {
    this.upsertStmt.run(
      customer.id,
      customer.name,
      customer.phone,
      customer.email,
      customer.createdAt,
      customer.updatedAt,
    );
    const phone = customer.phone ? toE164(customer.phone) : null;
    if (phone) this.ensureIdentityStmt.run('phone', phone, customer.id, tx.now);
    const email = customer.email?.trim().toLowerCase();
    if (email) this.ensureIdentityStmt.run('email', email, customer.id, tx.now);
    this.touch(tx, customer.id);
  }

  /** Rewrites card fields (others unchanged) and records the card. */
  patch(tx: Tx, id: string, patch: CardPatch): Customer {
    const row = this.byIdStmt.get(id) as CustomerRow | undefined;
    if (!row) throw new Error(`customer ${id} does not exist`);
    this.patchStmt.run(
      patch.name ?? row.name,
      patch.notes ?? row.notes,
      patch.phone !== undefined ? patch.phone : row.phone,
      patch.email !== undefined ? patch.email : row.email,
      patch.mergedInto !== undefined ? patch.mergedInto : row.merged_into,
      tx.now,
      id,
    );
    return this.touch(tx, id);
  }

  /** Records the customer's current card (after its identities changed). */
  touch(tx: Tx, id: string): Customer {
    const customer = this.byId(id);
    if (!customer) throw new Error(`customer ${id} does not exist`);
    this.searchIndex.index(customer);
    tx.record('customer', customer);
    return customer;
  }

  byId(id: string): Customer | null {
    const row = this.byIdStmt.get(id) as CustomerRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      phone: row.phone,
      email: row.email,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      notes: row.notes,
      identities: this.identitiesStmt.all(row.id) as CustomerIdentity[],
      mergedInto: row.merged_into,
      ...(row.kind === 'customer' ? {} : { kind: row.kind }),
    };
  }

  /** The customer, or the one it was merged into (following the chain). */
  current(id: string): Customer | null {
    let customer = this.byId(id);
    for (let hops = 0; customer?.mergedInto && hops < MAX_MERGE_CHAIN; hops++)
      customer = this.byId(customer.mergedInto);
    return customer;
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}

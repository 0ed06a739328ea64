import type { Customer } from '../../shared/domain.js';
import type { Database } from './sqlite.js';
import type { Tx } from './writer.js';

interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  created_at: number;
  updated_at: number;
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class CustomersRepo {
  private readonly upsertStmt;
  private readonly byIdStmt;
  private readonly countStmt;

  constructor(db: Database) {
    this.upsertStmt = db.prepare(
      `INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email,
         updated_at = excluded.updated_at`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM customers WHERE id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM customers');
  }

  save(tx: Tx, customer: Customer): void {
    this.upsertStmt.run(
      customer.id,
      customer.name,
      customer.phone,
      customer.email,
      customer.createdAt,
      customer.updatedAt,
    );
    tx.record('customer', customer);
  }

  byId(id: string): Customer | null {
    const row = this.byIdStmt.get(id) as CustomerRow | undefined;
    return row ? toCustomer(row) : null;
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}

import type { Customer } from '../../../shared/domain.js';
import type { SqliteDatabase } from './sqlite.js';

interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  created_at: number;
  updated_at: number;
}

export interface CustomersRepo {
  /** Stores the hub's state at `seq`; false when the stored state is the same or newer. */
  upsert(customer: Customer, seq: number): boolean;
  get(id: string): Customer | null;
  /** Customers whose phone, stripped of punctuation, ends with these digits (candidates for a number match). */
  withPhoneEnding(digits: string, limit: number): Customer[];
  clear(): void;
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

export function createCustomersRepo(db: SqliteDatabase): CustomersRepo {
  const upsert = db.prepare(`
    INSERT INTO customers (id, seq, name, phone, email, created_at, updated_at)
    VALUES (@id, @seq, @name, @phone, @email, @createdAt, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET
      seq = excluded.seq, name = excluded.name, phone = excluded.phone, email = excluded.email,
      created_at = excluded.created_at, updated_at = excluded.updated_at
    WHERE excluded.seq > customers.seq`);
  const select = db.prepare('SELECT * FROM customers WHERE id = ?');
  const clear = db.prepare('DELETE FROM customers');
  const byPhoneEnding = db.prepare(`
    SELECT * FROM customers
    WHERE phone IS NOT NULL
      AND replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
          LIKE '%' || ?
    ORDER BY updated_at DESC LIMIT ?`);

  return {
    upsert: (customer, seq) => upsert.run({ ...customer, seq }).changes > 0,
    get(id) {
      const row = select.get(id) as CustomerRow | undefined;
      return row ? toCustomer(row) : null;
    },
    withPhoneEnding: (digits, limit) =>
      (byPhoneEnding.all(digits.replace(/\D/g, ''), limit) as CustomerRow[]).map(toCustomer),
    clear: () => void clear.run(),
  };
}

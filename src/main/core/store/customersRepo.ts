import type { Customer, CustomerIdentity } from '../../../shared/domain.js';
import { toE164 } from '../../../shared/softphone/phoneNumber.js';
import type { SqliteDatabase } from './sqlite.js';

interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  notes: string;
  merged_into: string | null;
  kind: string | null;
  created_at: number;
  updated_at: number;
}

export interface CustomersRepo {
  /** Stores the hub's state at `seq`; false when the stored state is the same or newer. */
  upsert(customer: Customer, seq: number): boolean;
  get(id: string): Customer | null;
  /** The customer, or the one it was merged into (following the chain). */
  current(id: string): Customer | null;
  /** The customer who has this identity (phones as E.164, emails lower-case). */
  byIdentity(identity: CustomerIdentity): Customer | null;
  /** Customers whose phone, stripped of punctuation, ends with these digits (candidates for a number match). */
  withPhoneEnding(digits: string, limit: number): Customer[];
  clear(): void;
}

/** Identities of a customer from a hub that does not send them: its phone and email. */
function identitiesOf(customer: Customer): CustomerIdentity[] {
  if (customer.identities) return customer.identities;
  const derived: CustomerIdentity[] = [];
  const phone = customer.phone ? toE164(customer.phone) : null;
  if (phone) derived.push({ kind: 'phone', value: phone });
  if (customer.email) derived.push({ kind: 'email', value: customer.email.trim().toLowerCase() });
  return derived;
}

const MAX_MERGE_CHAIN = 20;

export function createCustomersRepo(db: SqliteDatabase): CustomersRepo {
  const upsert = db.prepare(`
    INSERT INTO customers (id, seq, name, phone, email, notes, merged_into, kind, created_at, updated_at)
    VALUES (@id, @seq, @name, @phone, @email, @notes, @mergedInto, @kind, @createdAt, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET
      seq = excluded.seq, name = excluded.name, phone = excluded.phone, email = excluded.email,
      notes = excluded.notes, merged_into = excluded.merged_into, kind = excluded.kind,
      created_at = excluded.created_at, updated_at = excluded.updated_at
    WHERE excluded.seq > customers.seq`);
  const select = db.prepare('SELECT * FROM customers WHERE id = ?');
  const clear = db.prepare('DELETE FROM customers');
  const clearIdentities = db.prepare('DELETE FROM customer_identities');
  const dropIdentities = db.prepare('DELETE FROM customer_identities WHERE customer_id = ?');
  const addIdentity = db.prepare(
    'INSERT OR IGNORE INTO customer_identities (kind, value, customer_id, position) VALUES (?, ?, ?, ?)',
  );
  const identities = db.prepare('SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY position');
  const byIdentity = db.prepare(
    'SELECT customer_id AS id FROM customer_identities WHERE kind = ? AND value = ? LIMIT 1',
  );
  const byPhoneEnding = db.prepare(`
    SELECT * FROM customers
    WHERE phone IS NOT NULL
      AND replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
          LIKE '%' || ?
    ORDER BY updated_at DESC LIMIT ?`);

  function toCustomer(row: CustomerRow): Customer {
    return {
      id: row.id,
      name: row.name,
      phone: row.phone,
      email: row.email,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      notes: row.notes,
      identities: identities.all(row.id) as CustomerIdentity[],
      mergedInto: row.merged_into,
      ...(row.kind === 'potential' || row.kind === 'anonymous' ? { kind: row.kind } : {}),
    };
  }

  function get(id: string): Customer | null {
    const row = select.get(id) as CustomerRow | undefined;
    return row ? toCustomer(row) : null;
  }

  const repo: CustomersRepo = {
    upsert(customer, seq) {
      const changed =
        upsert.run({
          ...customer,
          notes: customer.notes ?? '',
          mergedInto: customer.mergedInto ?? null,
          kind: customer.kind ?? null,
          seq,
        }).changes > 0;
      if (changed) {
        dropIdentities.run(customer.id);
        identitiesOf(customer).forEach((identity, position) =>
          addIdentity.run(identity.kind, identity.value, customer.id, position),
        );
      }
      return changed;
    },
    get,
    current(id) {
      let customer = get(id);
      for (let hops = 0; customer?.mergedInto && hops < MAX_MERGE_CHAIN; hops++) {
        // The survivor may not have reached the cache yet: show the merged card until it does.
        const next = get(customer.mergedInto);
        if (!next) break;
        customer = next;
      }
      return customer;
    },
    byIdentity(identity) {
      const row = byIdentity.get(identity.kind, identity.value) as { id: string } | undefined;
      return row ? repo.current(row.id) : null;
    },
    withPhoneEnding: (digits, limit) =>
      (byPhoneEnding.all(digits.replace(/\D/g, ''), limit) as CustomerRow[]).map(toCustomer),
    clear: () => {
      clear.run();
      clearIdentities.run();
    },
  };
  return repo;
}

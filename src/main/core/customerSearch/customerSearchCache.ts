/**
 * Customer search in the local cache, for when the hub is away (decision 0031, ## Search): by phone
 * (every cached customer with the number) and by name (the same folding and typo rules as the hub).
 * The cache holds only this agent's customers and no documents, so it finds fewer and says so.
 */
import { nameScore, nameWords } from '../../../shared/customers/nameFolding.js';
import type { SearchResult } from '../../../shared/hubApi/customerSearchApi.js';
import type { Customer } from '../../../shared/domain.js';
import { toE164 } from '../../../shared/softphone/phoneNumber.js';
import type { SqliteDatabase } from '../store/sqlite.js';

/** Digits compared in SQL to narrow phone candidates; the match itself is on E.164. */
const TAIL_DIGITS = 7;

export class CustomerSearchCache {
  private readonly namesStmt;
  private readonly phonesStmt;
  private readonly identityStmt;
  private readonly identitiesStmt;
  private readonly threadsStmt;

  constructor(db: SqliteDatabase) {
    this.namesStmt = db.prepare('SELECT id, name, phone, email FROM customers WHERE merged_into IS NULL');
    this.phonesStmt = db.prepare(
      `SELECT id, name, phone, email FROM customers WHERE merged_into IS NULL AND phone IS NOT NULL
         AND replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
           LIKE '%' || ?`,
    );
    this.identityStmt = db.prepare(
      `SELECT c.id, c.name, c.phone, c.email FROM customer_identities i JOIN customers c ON c.id = i.customer_id
       WHERE i.kind = 'phone' AND i.value = ? AND c.merged_into IS NULL`,
    );
    this.identitiesStmt = db.prepare('SELECT kind, value FROM customer_identities WHERE customer_id = ?');
    this.threadsStmt = db.prepare(
      'SELECT count(*) AS n, max(last_message_at) AS last FROM threads WHERE customer_id = ?',
    );
  }

  byPhone(e164: string, limit: number): { results: SearchResult[]; truncated: boolean } {
    const rows = [
      ...(this.identityStmt.all(e164) as Row[]),
      ...(this.phonesStmt.all(e164.replace(/\D/g, '').slice(-TAIL_DIGITS)) as Row[]).filter(
        (row) => row.phone !== null && toE164(row.phone) === e164,
      ),
    ];
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    return { results: unique.slice(0, limit).map((r) => this.result(r, 0)), truncated: unique.length > limit };
  }

  byName(words: readonly string[], limit: number): { results: SearchResult[]; truncated: boolean } {
    const scored: { row: Row; score: number }[] = [];
    for (const row of this.namesStmt.all() as Row[]) {
      const score = nameScore(words, nameWords(row.name));
      if (score !== null) scored.push({ row, score });
    }
    scored.sort((a, b) => a.score - b.score || a.row.name.localeCompare(b.row.name));
    return {
      results: scored.slice(0, limit).map((s) => this.result(s.row, s.score)),
      truncated: scored.length > limit,
    };
  }

  private result(row: Row, distance: number): SearchResult {
    const identities = this.identitiesStmt.all(row.id) as NonNullable<Customer['identities']>;
    const threads = this.threadsStmt.get(row.id) as { n: number; last: number | null };
    const phone = row.phone ? toE164(row.phone) : null;
    return {
      id: row.id,
      name: row.name,
      // The cache does not know the desk's kind or documents; the hub does.
      kind: 'customer',
      documents: [],
      phones: [
        ...new Set([...(phone ? [phone] : []), ...identities.filter((i) => i.kind === 'phone').map((i) => i.value)]),
      ],
      emails: [
        ...new Set([
          ...(row.email ? [row.email.toLowerCase()] : []),
          ...identities.filter((i) => i.kind === 'email').map((i) => i.value),
        ]),
      ],
      messengers: identities.filter((i) => i.kind === 'telegram' || i.kind === 'vk'),
      threads: threads.n,
      lastContactAt: threads.last,
      match: { exact: distance === 0, distance },
    };
  }
}

interface Row {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

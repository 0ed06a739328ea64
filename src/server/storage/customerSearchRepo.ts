/**
 * The SQL of the customer search (migration 13, decision 0031 ## Search): keeping each customer's
 * folded name words, phone and email in the index, and the lookups the search is made of.
 */
import { deletions, nameWords } from '../../shared/customers/nameFolding.js';
import type { IdentityKind } from '../../shared/domain.js';
import { toE164 } from '../../shared/softphone/phoneNumber.js';
import type { Database, Statement } from './database.js';

/** What the index reads of a customer. */
export interface IndexedCustomer {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  mergedInto?: string | null;
}

/** What a result shows besides the card: the desk's kind and how much contact there was. */
export interface CustomerSummary {
  id: string;
  name: string;
  kind: 'customer' | 'potential' | 'anonymous';
  mergedInto: string | null;
  threads: number;
  lastContactAt: number | null;
}

/** A name word present in this many customers is counted no further (it is common, not rare). */
const COUNT_CAP = 1000;

export class CustomerSearchRepo {
  private readonly clearStmt;
  private readonly termStmt;
  private readonly vocabStmt;
  private readonly variantStmt;
  private readonly prefixStmt;
  private readonly byTermStmt;
  private readonly byIdentityStmt;
  private readonly wordsOfStmt;
  private readonly summaryStmt;
  /** Statements whose shape depends on how many values they hold, prepared once per shape. */
  private readonly shaped = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.clearStmt = db.prepare('DELETE FROM customer_search_terms WHERE customer_id = ?');
    this.termStmt = db.prepare(
      'INSERT OR IGNORE INTO customer_search_terms (kind, term, customer_id) VALUES (?, ?, ?)',
    );
    this.vocabStmt = db.prepare('INSERT OR IGNORE INTO customer_search_vocab (word) VALUES (?)');
    this.variantStmt = db.prepare('INSERT OR IGNORE INTO customer_search_deletes (variant, word) VALUES (?, ?)');
    this.prefixStmt = db.prepare(
      'SELECT word FROM customer_search_vocab WHERE word >= ? AND word < ? ORDER BY length(word), word LIMIT ?',
    );
    this.byTermStmt = db.prepare(
      'SELECT customer_id AS id FROM customer_search_terms WHERE kind = ? AND term = ? LIMIT ?',
    );
    this.byIdentityStmt = db.prepare('SELECT customer_id AS id FROM customer_identities WHERE kind = ? AND value = ?');
    this.wordsOfStmt = db.prepare("SELECT term FROM customer_search_terms WHERE customer_id = ? AND kind = 'word'");
    this.summaryStmt = db.prepare(
      `SELECT c.id, c.name, c.kind, c.merged_into AS mergedInto,
         (SELECT count(*) FROM threads t WHERE t.customer_id = c.id) AS threads,
         (SELECT max(t.last_message_at) FROM threads t WHERE t.customer_id = c.id) AS lastContactAt
       FROM customers c WHERE c.id = ?`,
    );
  }

  /** Rewrites the customer's entries (a merged customer has none). Call inside a write transaction. */
  index(customer: IndexedCustomer): void {
    this.clearStmt.run(customer.id);
    if (customer.mergedInto) return;
    for (const word of nameWords(customer.name)) {
      this.termStmt.run('word', word, customer.id);
      // A word new to the hub brings its typo variants; a word no one bears any more keeps them (harmless).
      if (this.vocabStmt.run(word).changes > 0) for (const v of deletions(word)) this.variantStmt.run(v, word);
    }
    const phone = customer.phone ? toE164(customer.phone) : null;
    if (phone) this.termStmt.run('phone', phone, customer.id);
    const email = customer.email?.trim().toLowerCase();
    if (email) this.termStmt.run('email', email, customer.id);
  }

  /** Indexed words that share a deletion variant with one of `variants` (typo candidates). */
  wordsByVariants(variants: readonly string[]): string[] {
    if (variants.length === 0) return [];
    const stmt = this.shape(
      `variants:${variants.length}`,
      `SELECT DISTINCT word FROM customer_search_deletes WHERE variant IN (${marks(variants.length)})`,
    );
    return (stmt.all(...variants) as { word: string }[]).map((r) => r.word);
  }

  /** Indexed words starting with `prefix`, shortest first. */
  wordsByPrefix(prefix: string, limit: number): string[] {
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return (this.prefixStmt.all(prefix, end, limit) as { word: string }[]).map((r) => r.word);
  }

  /** How many customers bear one of the words, counted up to COUNT_CAP. */
  countWithWords(words: readonly string[]): number {
    if (words.length === 0) return 0;
    const stmt = this.shape(
      `count:${words.length}`,
      `SELECT count(*) AS n FROM (SELECT 1 FROM customer_search_terms
         WHERE kind = 'word' AND term IN (${marks(words.length)}) LIMIT ${COUNT_CAP})`,
    );
    return (stmt.get(...words) as { n: number }).n;
  }

  /**
   * Customers who bear a word of every group (each group: the indexed words one typed word may be),
   * at most `limit`. The first group should be the rarest: it is read, the others only probed.
   */
  customersWithWords(groups: readonly (readonly string[])[], limit: number): string[] {
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return [];
    const [first, ...rest] = groups as [readonly string[], ...(readonly string[])[]];
    const probes = rest.map(
      (group, i) =>
        `AND EXISTS (SELECT 1 FROM customer_search_terms t${i + 2} WHERE t${i + 2}.kind = 'word'
           AND t${i + 2}.term IN (${marks(group.length)}) AND t${i + 2}.customer_id = t1.customer_id)`,
    );
    const stmt = this.shape(
      `words:${groups.map((g) => g.length).join(',')}`,
      `SELECT DISTINCT t1.customer_id AS id FROM customer_search_terms t1
       WHERE t1.kind = 'word' AND t1.term IN (${marks(first.length)}) ${probes.join(' ')} LIMIT ?`,
    );
    return (stmt.all(...first, ...rest.flat(), limit) as { id: string }[]).map((r) => r.id);
  }

  /** Customers whose card holds this phone or email (E.164 / lower case), shared numbers included. */
  byTerm(kind: 'phone' | 'email', value: string, limit: number): string[] {
    return (this.byTermStmt.all(kind, value, limit) as { id: string }[]).map((r) => r.id);
  }

  /** The customer known on a channel by this identity, if any. */
  byIdentity(kind: IdentityKind, value: string): string | null {
    return (this.byIdentityStmt.get(kind, value) as { id: string } | undefined)?.id ?? null;
  }

  wordsOf(customerId: string): string[] {
    return (this.wordsOfStmt.all(customerId) as { term: string }[]).map((r) => r.term);
  }

  summary(customerId: string): CustomerSummary | null {
    return (this.summaryStmt.get(customerId) as CustomerSummary | undefined) ?? null;
  }

  private shape(key: string, sql: string): Statement {
    let stmt = this.shaped.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.shaped.set(key, stmt);
    }
    return stmt;
  }
}

function marks(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

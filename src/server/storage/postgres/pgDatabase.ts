/**
 * The hub's Database on PostgreSQL: statements written for SQLite are translated once (dialect.ts)
 * and run over a synchronous connection (syncConnection.ts). Transactions nest with savepoints as
 * better-sqlite3's do. An INSERT into a table with an identity column returns it, so
 * lastInsertRowid means the same on both engines.
 */
import type { Database, RunResult, SqlValue, Statement } from '../database.js';
import { translate, type Translated } from './dialect.js';
import { redactUrl } from './redactUrl.js';
import { SyncConnection, type SyncConnectionOptions } from './syncConnection.js';

class PgStatement implements Statement {
  private runText: string | null = null;
  private identity: string | null = null;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly sql: Translated,
  ) {}

  run(...params: SqlValue[]): RunResult {
    if (this.runText === null) {
      this.identity = this.sql.insertInto ? this.db.identityColumn(this.sql.insertInto) : null;
      this.runText = this.identity ? `${this.sql.text} RETURNING "${this.identity}"` : this.sql.text;
    }
    const reply = this.db.query(this.runText, params);
    const last = this.identity ? reply.rows.at(-1)?.[this.identity] : undefined;
    return { changes: reply.rowCount, lastInsertRowid: typeof last === 'number' ? last : 0 };
  }

  get(...params: SqlValue[]): unknown {
    return this.db.query(this.sql.text, params).rows[0];
  }

  all(...params: SqlValue[]): unknown[] {
    return this.db.query(this.sql.text, params).rows;
  }
}

export class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  readonly name: string;
  private readonly connection: SyncConnection;
  private depth = 0;
  private isOpen = true;
  private identities: Map<string, string> | null = null;

  constructor(url: string, options: SyncConnectionOptions = {}) {
    this.name = redactUrl(url);
    this.connection = new SyncConnection(url, options);
  }

  get open(): boolean {
    return this.isOpen;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(sql: string): Statement {
    return new PgStatement(this, translate(sql));
  }

  /** Runs already-PostgreSQL text with $n parameters (statements that carry their own dialect). */
  query(text: string, params: readonly SqlValue[]): { rows: Record<string, unknown>[]; rowCount: number } {
    // Outside a transaction a dropped connection is simply reopened; inside one it must fail.
    return this.connection.query(text, [...params], this.depth === 0);
  }

  exec(sql: string): Database {
    this.connection.script(sql, this.depth === 0);
    return this;
  }

  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const savepoint = `okno_sp${this.depth}`;
      this.exec(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
      this.depth++;
      let result: R;
      try {
        result = fn(...args);
        if (result instanceof Promise) throw new TypeError('a transaction function must not return a promise');
      } catch (error) {
        this.depth--;
        this.rollback(savepoint);
        throw error;
      }
      this.depth--;
      this.exec(this.depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    };
  }

  /** The identity column of a table (the rowid of SQLite's INTEGER PRIMARY KEY tables), if any. */
  identityColumn(table: string): string | null {
    return this.identityColumns().get(table) ?? null;
  }

  /** Every table's identity column, by table (read once; schemaChanged() forgets it). */
  identityColumns(): ReadonlyMap<string, string> {
    if (!this.identities) {
      const rows = this.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND is_identity = 'YES'`,
        [],
      ).rows as { table_name: string; column_name: string }[];
      this.identities = new Map(rows.map((row) => [row.table_name, row.column_name]));
    }
    return this.identities;
  }

  /** Forgets the identity columns read so far (after a migration changed the schema). */
  schemaChanged(): void {
    this.identities = null;
  }

  close(): Database {
    if (this.isOpen) {
      this.isOpen = false;
      this.connection.close();
    }
    return this;
  }

  private rollback(savepoint: string): void {
    try {
      this.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
    } catch {
      // The connection is gone: the server has rolled the transaction back already.
    }
  }
}

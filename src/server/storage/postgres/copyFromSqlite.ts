/**
 * Moves a team from the SQLite hub to PostgreSQL: every table of `<dataDir>/hub.sqlite` copied
 * into a PostgreSQL database at the same schema version, the hub id and the change log's seqs kept,
 * so agents' cursors stay valid and their caches carry on without a re-sync. Files stay where they
 * are: the hub keeps the same data folder (its secret key, recordings, exports).
 *
 * Each table is copied in its own transaction, and its row count is recorded in `okno_import` in
 * the same transaction, so an interrupted copy resumes at the first table not done, and a hub will
 * not start on a database whose copy is unfinished (decision 0046).
 */
import type { Logger } from '../../../shared/log.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { SqlValue } from '../database.js';
import type { SqliteDatabase } from '../sqlite.js';
import { PG_MIGRATIONS } from './migrations/index.js';
import type { PostgresDatabase } from './pgDatabase.js';

const BATCH_ROWS = 500;
/** PostgreSQL takes at most 65 535 parameters in one statement. */
const MAX_PARAMS = 60_000;

export interface CopiedTable {
  table: string;
  rows: number;
  /** Copied by an earlier, interrupted run. */
  earlier: boolean;
}

export interface CopyReport {
  hubId: string;
  tables: CopiedTable[];
}

/** The tables in the order the PostgreSQL schema creates them: every table after those it references. */
function tablesInOrder(): string[] {
  const sql = PG_MIGRATIONS.map((m) => m.sql).join('\n');
  return [...sql.matchAll(/CREATE TABLE "?(\w+)"?/g)].map((m) => m[1]!);
}

function columnsOf(pg: PostgresDatabase, table: string): string[] {
  return (
    pg.query(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
        ORDER BY ordinal_position`,
      [table],
    ).rows as { name: string }[]
  ).map((row) => row.name);
}

export function ensureImportTable(pg: PostgresDatabase): void {
  pg.exec(`CREATE TABLE IF NOT EXISTS okno_import (
    table_name TEXT PRIMARY KEY, source_hub_id TEXT NOT NULL, rows BIGINT NOT NULL, finished_at BIGINT)`);
}

/** Why a hub must not start on this database yet (a copy from SQLite not finished), or null. */
export function unfinishedImport(pg: PostgresDatabase): string | null {
  const found = pg.query("SELECT to_regclass('okno_import') IS NOT NULL AS found", []).rows[0] as { found: number };
  if (!found.found) return null;
  const { started, finished } = pg.query(
    "SELECT count(*) AS started, count(*) FILTER (WHERE table_name = '*') AS finished FROM okno_import",
    [],
  ).rows[0] as { started: number; finished: number };
  return started > 0 && finished === 0
    ? 'a copy from a SQLite hub into this database is unfinished: run `npm run hub:to-postgres` again to finish it'
    : null;
}

export function copySqliteToPostgres(source: SqliteDatabase, pg: PostgresDatabase, log: Logger): CopyReport {
  const version = Number(source.pragma('user_version', { simple: true }));
  const newest = MIGRATIONS.at(-1)!.version;
  if (version !== newest) {
    throw new Error(
      `the SQLite hub database is at schema version ${version}, this hub's is ${newest}: ` +
        'start the hub once on its data folder to bring it up to date, then copy',
    );
  }
  const hubId = (source.prepare("SELECT value FROM meta WHERE key = 'hub_id'").get() as { value: string } | undefined)
    ?.value;
  if (!hubId) throw new Error('the SQLite database has no hub id: it is not a hub database');
  ensureImportTable(pg);
  const earlier = new Map(
    (
      pg.query('SELECT table_name, source_hub_id, rows FROM okno_import', []).rows as {
        table_name: string;
        source_hub_id: string;
        rows: number;
      }[]
    ).map((row) => [row.table_name, row]),
  );
  const other = [...earlier.values()].find((row) => row.source_hub_id !== hubId);
  if (other) throw new Error(`this PostgreSQL database holds a copy of another hub (${other.source_hub_id})`);
  if (earlier.has('*')) throw new Error('this hub was already copied into this PostgreSQL database');
  if (earlier.size === 0) refuseNonEmpty(pg);

  const tables: CopiedTable[] = [];
  for (const table of tablesInOrder()) {
    const done = earlier.get(table);
    if (done) {
      tables.push({ table, rows: done.rows, earlier: true });
      continue;
    }
    let rows: number;
    try {
      // The table and its progress row commit together: a crash leaves the table whole or absent.
      rows = pg.transaction(() => {
        const copied = copyTable(source, pg, table);
        pg.query('INSERT INTO okno_import (table_name, source_hub_id, rows) VALUES ($1, $2, $3)', [
          table,
          hubId,
          copied,
        ]);
        return copied;
      })();
    } catch (error) {
      throw new Error(
        `copying table ${table} failed (${(error as Error).message}); the tables before it are kept: ` +
          'fix the cause and run the copy again to resume',
      );
    }
    log.info('copied table', { table, rows });
    tables.push({ table, rows, earlier: false });
  }
  verifyCounts(source, pg, tables);
  pg.transaction(() => {
    resetIdentities(pg);
    pg.query('UPDATE okno_import SET finished_at = $1', [Date.now()]);
    pg.query("INSERT INTO okno_import (table_name, source_hub_id, rows, finished_at) VALUES ('*', $1, 0, $2)", [
      hubId,
      Date.now(),
    ]);
  })();
  return { hubId, tables };
}

function refuseNonEmpty(pg: PostgresDatabase): void {
  for (const table of tablesInOrder()) {
    if (table === 'register_calendar') continue; // seeded by the schema; replaced by the copy
    const row = pg.query(`SELECT count(*) AS n FROM "${table}"`, []).rows[0] as { n: number };
    if (row.n > 0) {
      throw new Error(
        `the PostgreSQL database is not empty (table ${table} has ${row.n} rows): copy into a new database`,
      );
    }
  }
}

function sourceRows(source: SqliteDatabase, table: string, columns: string[]): Record<string, SqlValue>[] {
  const hasRowid = columns.includes('rowid');
  const names = columns.filter((c) => c !== 'rowid').map((c) => `"${c}"`);
  const select = `SELECT ${hasRowid ? 'rowid AS rowid, ' : ''}${names.join(', ')} FROM "${table}"`;
  return source.prepare(select).all() as Record<string, SqlValue>[];
}

function copyTable(source: SqliteDatabase, pg: PostgresDatabase, table: string): number {
  const columns = columnsOf(pg, table);
  // Seeded by the schema; the source's own row replaces it.
  if (table === 'register_calendar') pg.query('DELETE FROM register_calendar', []);
  const rows = sourceRows(source, table, columns);
  const perStatement = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const list = columns.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values: SqlValue[] = [];
    const tuples = batch.map((row) => {
      const marks = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    pg.query(`INSERT INTO "${table}" (${list}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}

function verifyCounts(source: SqliteDatabase, pg: PostgresDatabase, tables: readonly CopiedTable[]): void {
  const wrong: string[] = [];
  for (const { table } of tables) {
    const from = (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const to = (pg.query(`SELECT count(*) AS n FROM "${table}"`, []).rows[0] as { n: number }).n;
    if (from !== to) wrong.push(`${table}: ${from} in SQLite, ${to} in PostgreSQL`);
  }
  if (wrong.length > 0) {
    throw new Error(`the copy does not match its source (was the SQLite hub still running?): ${wrong.join('; ')}`);
  }
}

/** Identity columns continue after the copied values (change_log.seq above all, so seqs keep rising). */
function resetIdentities(pg: PostgresDatabase): void {
  for (const [table, column] of pg.identityColumns()) {
    pg.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), greatest((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`,
      [table, column],
    );
  }
}

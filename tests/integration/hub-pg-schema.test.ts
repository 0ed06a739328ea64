/**
 * The two engines' schemas stay the same: every table with the same columns, so a migration written
 * for one engine and forgotten for the other fails here. Differences that are the translation itself
 * are named: FTS5's shadow tables, the explicit `rowid` PostgreSQL adds where statements order by it,
 * the tsvector column of the knowledge index, and each engine's own bookkeeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { PG_MIGRATIONS } from '../../src/server/storage/postgres/migrations/index.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const missing = postgresMissing();

function columnsByTable(rows: { t: string; c: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { t, c } of rows) (out[t] ??= []).push(c);
  for (const list of Object.values(out)) list.sort();
  return out;
}

describe.skipIf(missing)('hub schema on SQLite and PostgreSQL', () => {
  let server: PostgresServer;
  let sqlite: HubStore;
  let postgres: HubStore;

  beforeAll(async () => {
    server = await startPostgres();
    sqlite = openHubStore(tempDir(), Date.now, createLogger('sqlite'));
    postgres = openHubStore(tempDir(), Date.now, createLogger('pg'), { databaseUrl: server.url });
  });

  afterAll(async () => {
    sqlite?.close();
    postgres?.close();
    await server?.stop();
    removeTempDirs();
  });

  it('reach the same newest version', () => {
    expect(PG_MIGRATIONS.at(-1)!.version).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('have the same tables with the same columns', () => {
    const lite = columnsByTable(
      sqlite.db
        .prepare(
          `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'kb_search_%'`,
        )
        .all() as { t: string; c: string }[],
    );
    const pg = columnsByTable(
      postgres.db
        .prepare(
          `SELECT table_name AS t, column_name AS c FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'okno_schema'
              AND column_name <> 'rowid' AND NOT (table_name = 'kb_search' AND column_name = 'doc')`,
        )
        .all() as { t: string; c: string }[],
    );
    expect(Object.keys(pg).length).toBeGreaterThan(60);
    expect(pg).toEqual(lite);
  });
});

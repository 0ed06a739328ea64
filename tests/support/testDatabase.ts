/**
 * Which database a test hub uses. By default SQLite in its data folder; with
 * OKNO_TEST_PG_URL set (tests/support/vitestPostgres.ts does, for `npm run test:pg`), each data
 * folder gets its own PostgreSQL database, named from the folder, so a hub reopened on the same
 * folder finds its data again, as it would its SQLite file. New databases are copied from a
 * template that already holds the newest schema.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from '../../src/server/storage/database.js';
import { HUB_DB_FILE } from '../../src/server/storage/hubStore.js';
import { PostgresDatabase } from '../../src/server/storage/postgres/pgDatabase.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';

export const TEMPLATE_DATABASE = 'okno_template';

function serverUrl(): string | undefined {
  return process.env.OKNO_TEST_PG_URL || undefined;
}

export function testEngine(): 'sqlite' | 'postgres' {
  return serverUrl() ? 'postgres' : 'sqlite';
}

function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

const created = new Set<string>();

/** The database URL for a hub on `dataDir` under the engine of this run; undefined means SQLite. */
export function testDatabaseUrl(dataDir: string): string | undefined {
  const server = serverUrl();
  if (!server) return undefined;
  const name = `okno_${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 20)}`;
  if (!created.has(name)) {
    const admin = new PostgresDatabase(server);
    try {
      const exists = admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).rows.length > 0;
      if (!exists) admin.exec(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    } finally {
      admin.close();
    }
    created.add(name);
  }
  return databaseUrl(server, name);
}

/** Options for createHub/openHubStore: `{ databaseUrl }` on PostgreSQL runs, nothing on SQLite ones. */
export function testDatabase(dataDir: string): { databaseUrl?: string } {
  const url = testDatabaseUrl(dataDir);
  return url ? { databaseUrl: url } : {};
}

/** The hub database of `dataDir` opened directly, for tests that look at or shape stored rows. */
export function openHubDatabase(dataDir: string): Database {
  const url = testDatabaseUrl(dataDir);
  return url ? new PostgresDatabase(url) : openSqlite(path.join(dataDir, HUB_DB_FILE));
}

/**
 * vitest globalSetup for the PostgreSQL run of the hub suite (vitest.pg.config.ts): one server for
 * the run, and a template database migrated once, from which every test hub's database is copied.
 */
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import { openPostgres } from '../../src/server/storage/postgres/openPostgres.js';
import { PostgresDatabase } from '../../src/server/storage/postgres/pgDatabase.js';
import { startPostgres, type PostgresServer } from './postgresServer.js';
import { TEMPLATE_DATABASE } from './testDatabase.js';

let server: PostgresServer | undefined;

export async function setup(): Promise<void> {
  setLogLevel('error');
  server = await startPostgres();
  const admin = new PostgresDatabase(server.url);
  admin.exec(`CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE template0`);
  admin.close();
  openPostgres(server.urlOf(TEMPLATE_DATABASE), createLogger('pg-template')).close();
  process.env.OKNO_TEST_PG_URL = server.url;
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

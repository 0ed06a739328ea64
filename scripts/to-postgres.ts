/**
 * `npm run hub:to-postgres -- --database-url postgres://… [--data-dir ./.data/hub]`: copies a SQLite hub
 * into an empty PostgreSQL database and checks every table's row count (decision 0046). Stop the hub
 * first. An interrupted copy is resumed by running the command again. Afterwards start the hub with
 * the same --data-dir and the --database-url.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/shared/log.js';
import { HUB_DB_FILE } from '../src/server/storage/hubStore.js';
import { copySqliteToPostgres } from '../src/server/storage/postgres/copyFromSqlite.js';
import { migratePostgres } from '../src/server/storage/postgres/migratePostgres.js';
import { connectPostgres } from '../src/server/storage/postgres/openPostgres.js';
import { openSqliteReadOnly } from '../src/server/storage/sqlite.js';

const USAGE =
  'usage: npm run hub:to-postgres -- --database-url postgres://user:password@host/db [--data-dir ./.data/hub]';

function main(): void {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = path.resolve(values['data-dir'] ?? process.env.OKNO_HUB_DATA_DIR ?? './.data/hub');
  const url = values['database-url'] ?? process.env.OKNO_HUB_DATABASE_URL;
  if (!url) throw new Error('name the PostgreSQL database with --database-url postgres://…');
  const file = path.join(dataDir, HUB_DB_FILE);
  if (!existsSync(file)) throw new Error(`no SQLite hub database at ${file}`);
  const log = createLogger('to-postgres');
  const source = openSqliteReadOnly(file);
  const target = connectPostgres(url);
  try {
    migratePostgres(target, log);
    const report = copySqliteToPostgres(source, target, log);
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    const resumed = report.tables.filter((t) => t.earlier).length;
    console.log(`Copied hub ${report.hubId}: ${report.tables.length} tables, ${rows} rows, every count checked.`);
    if (resumed > 0) console.log(`(${resumed} tables had been copied by the interrupted run and were kept.)`);
    console.log("Agents' apps keep their caches: the hub id and the change log's numbers are the same.");
    console.log(`Start the hub with: npm run hub -- --data-dir ${dataDir} --database-url <the same URL>`);
  } finally {
    source.close();
    target.close();
  }
}

try {
  main();
} catch (error) {
  console.error(`okno hub:to-postgres: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
}

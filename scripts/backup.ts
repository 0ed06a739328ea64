/**
 * `npm run backup`: an online backup of a hub's database (safe while the hub runs), keeping the newest N.
 * `npm run restore -- --from FILE`: checks a backup and puts it in place (stop the hub first).
 *   --data-dir / OKNO_HUB_DATA_DIR (./.data/hub), --to / OKNO_HUB_BACKUP_DIR (./.data/backups), --keep (7)
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { backupHub, restoreHub } from '../src/server/storage/backup.js';
import { HUB_DB_FILE } from '../src/server/storage/hubStore.js';
import { openSqlite } from '../src/server/storage/sqlite.js';
import { existsSync } from 'node:fs';

const USAGE =
  'usage: npm run backup -- [--data-dir ./.data/hub] [--to ./.data/backups] [--keep 7]\n' +
  '       npm run restore -- --from ./.data/backups/okno-hub-….sqlite [--data-dir ./.data/hub]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      to: { type: 'string' },
      keep: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = path.resolve(values['data-dir'] ?? process.env.OKNO_HUB_DATA_DIR ?? './.data/hub');
  if (positionals[0] === 'restore') {
    if (!values.from) throw new Error('name the backup to restore with --from FILE');
    const { restored, previous } = restoreHub(path.resolve(values.from), dataDir, Date.now());
    console.log(`Restored ${values.from} to ${restored}.`);
    if (previous) console.log(`The database it replaced is kept as ${previous}.`);
    return;
  }
  const file = path.join(dataDir, HUB_DB_FILE);
  if (!existsSync(file)) throw new Error(`there is no hub database at ${file}`);
  const keep = Number(values.keep ?? '7');
  const db = openSqlite(file);
  try {
    const to = path.resolve(values.to ?? process.env.OKNO_HUB_BACKUP_DIR ?? './.data/backups');
    console.log(`Backup written: ${await backupHub(db, to, Date.now(), keep)}`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`okno backup: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});

/**
 * Backups of the hub's database: SQLite's online backup (consistent while the hub keeps writing),
 * kept as timestamped files of which the newest N stay; and the restore, which checks a backup
 * before it replaces anything. A restore runs with the hub stopped.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations/index.js';
import { uuidv7 } from '../../shared/ids.js';
import { MetaRepo } from './metaRepo.js';
import { openSqlite, openSqliteReadOnly, type SqliteDatabase } from './sqlite.js';

const NAME = /^okno-hub-(\d{8}T\d{6}\d{3}Z)\.sqlite$/;

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Copies the live database to `<dir>/okno-hub-<UTC time>.sqlite` and keeps the newest `keep`. */
export async function backupHub(db: SqliteDatabase, dir: string, at: number, keep: number): Promise<string> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number of backups ≥ 1, got ${keep}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `okno-hub-${stamp(at)}.sqlite`);
  await db.backup(file);
  chmodSync(file, 0o600);
  const backups = listBackups(dir);
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) rmSync(old, { force: true });
  return file;
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => NAME.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Checks a backup (a hub database this version can open, intact) and puts it in place of the data
 * folder's database. The hub must be stopped; the replaced file is kept beside it.
 */
export function restoreHub(
  backupFile: string,
  dataDir: string,
  at: number,
): { restored: string; previous: string | null } {
  let db: SqliteDatabase;
  try {
    db = openSqliteReadOnly(backupFile);
  } catch (error) {
    throw new Error(`${backupFile} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new Error(`${backupFile} is not a database this hub can read: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new Error(`${backupFile} is damaged: ${String(check)}`);
    const version = Number(db.pragma('user_version', { simple: true }));
    const newest = MIGRATIONS.at(-1)?.version ?? 0;
    if (version > newest)
      throw new Error(`${backupFile} comes from a newer hub (schema ${version}, this one knows ${newest})`);
    const hasHub = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'threads'").get();
    if (!hasHub) throw new Error(`${backupFile} is not an Okno hub database`);
  } finally {
    db.close();
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const target = path.join(dataDir, 'hub.sqlite');
  let previous: string | null = null;
  try {
    previous = `${target}.before-restore-${stamp(at)}`;
    copyFileSync(target, previous);
  } catch {
    previous = null;
  }
  for (const side of ['-wal', '-shm']) rmSync(`${target}${side}`, { force: true });
  copyFileSync(backupFile, target);
  chmodSync(target, 0o600);
  // A new identity: the apps' sync cursors point past this backup's changes, so they must pull anew
  // (a cursor from another database is refused) instead of missing what the restored hub numbers again.
  const restored = openSqlite(target);
  try {
    new MetaRepo(restored).set('hub_id', uuidv7(at));
  } finally {
    restored.close();
  }
  return { restored: target, previous };
}

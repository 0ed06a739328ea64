import type { SqliteDatabase } from '../store/sqlite.js';

const AUTO_VACUUM_INCREMENTAL = 2;

/** Bytes the database file holds now (pages in use and free), without the WAL. */
export function databaseBytes(db: SqliteDatabase): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return pages * size;
}

/**
 * Gives space back and keeps queries fast after retention or a big sync:
 * - merges the FTS5 index's segments (`optimize`), so search reads one b-tree, not dozens;
 * - returns free pages to the file system: `incremental_vacuum` on a file made with
 *   auto_vacuum = INCREMENTAL; an older file is switched with one full VACUUM, only when at least
 *   a quarter of it is free (a VACUUM rewrites the whole file and needs as much free disk);
 * - checkpoints and truncates the WAL, then lets SQLite refresh its planner statistics.
 * Must run outside a transaction.
 */
export function compactDatabase(db: SqliteDatabase): void {
  db.exec("INSERT INTO message_search (message_search) VALUES ('optimize')");
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) {
    db.exec('PRAGMA incremental_vacuum');
  } else {
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    if (free * 4 >= pages && free > 0) {
      db.exec('PRAGMA auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('PRAGMA optimize');
}

/** Online backups on a timer (the hub's own), logged; returns the stopper. */
import type { Logger } from '../../shared/log.js';
import { backupHub } from './backup.js';
import type { SqliteDatabase } from './sqlite.js';

export function scheduleBackups(
  db: SqliteDatabase,
  settings: { dir: string; everyHours: number; keep: number },
  now: () => number,
  log: Logger,
): () => void {
  if (!(settings.everyHours > 0))
    throw new Error(`backups need a positive interval in hours, got ${settings.everyHours}`);
  let running = false;
  const timer = setInterval(() => {
    if (running || !db.open) return;
    running = true;
    backupHub(db, settings.dir, now(), settings.keep)
      .then((file) => log.info('backup written', { file }))
      .catch((error: unknown) => log.error('backup failed', { error: String(error) }))
      .finally(() => {
        running = false;
      });
  }, settings.everyHours * 3_600_000).unref();
  return () => clearInterval(timer);
}

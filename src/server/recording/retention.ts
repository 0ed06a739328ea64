/**
 * Retention (decision 0037): rows past their `deleteAfter` go, and with the last row using a file the
 * file goes too (two rows may share one content-addressed file). The row is deleted first, so a crash
 * between the two leaves a file no row names, never a row whose file is missing.
 */
import type { Logger } from '../../shared/log.js';
import type { RecordingsRepo } from '../storage/recordingsRepo.js';
import type { AudioStore } from './audioStore.js';

const BATCH = 500;

export async function runRetention(
  deps: { repo: RecordingsRepo; audio: AudioStore; log: Logger },
  at: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const due = deps.repo.due(at, BATCH);
    for (const row of due) {
      deps.repo.remove(row.id);
      deleted += 1;
      if (row.sha256 && deps.repo.usersOf(row.sha256) === 0) await deps.audio.remove(row.sha256);
    }
    if (due.length < BATCH) break;
  }
  if (deleted > 0) deps.log.info('recordings past their retention deleted', { deleted });
  return deleted;
}

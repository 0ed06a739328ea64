import { OknoError } from '../../../shared/errors.js';

/** SQLite's "database or disk is full" (a real full disk, or the file at its max_page_count), or the OS's ENOSPC. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * The agent's error for a write that did not fit. SQLite rolled the transaction back whole, so
 * nothing half-written is left and everything stored before (the outbox included) is intact.
 */
export function diskFullError(file: string, error: unknown): OknoError {
  const detail = error instanceof Error ? error.message : String(error);
  return new OknoError(
    'disk_full',
    `no space left to write ${file} (${detail}); nothing was saved by this action and earlier data is intact — free disk space and try again`,
    undefined,
    { file },
  );
}

/** Opening the cache file encrypted, and recognising an unencrypted one written by an older Okno. */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { Logger } from '../../../shared/log.js';
import { encryptInPlace, openSqlite, type SqliteDatabase } from './sqlite.js';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Where page 1 begins in a WAL file: after the 32-byte WAL header and the 24-byte frame header. */
const WAL_FIRST_PAGE = 56;

function startsWithHeader(file: string, offset: number): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(HEADER.length);
    return readSync(fd, bytes, 0, bytes.length, offset) === bytes.length && bytes.equals(HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * An unencrypted SQLite database: its header is plain text (an encrypted file starts with salt).
 * A database that never left WAL mode may have its first page only in the WAL.
 */
export function isPlainDatabase(file: string): boolean {
  return startsWithHeader(file, 0) || startsWithHeader(`${file}-wal`, WAL_FIRST_PAGE);
}

/**
 * Opens `file` encrypted with `key`. An unencrypted cache from an older Okno is encrypted in place
 * first, so its outbox and everything the agent typed stay (a re-sync would lose what is unsent).
 */
export function openEncrypted(file: string, key: Buffer, log?: Logger): SqliteDatabase {
  if (isPlainDatabase(file)) {
    const plain = openSqlite(file);
    try {
      encryptInPlace(plain, key);
    } finally {
      plain.close();
    }
    log?.info('encrypted the local cache in place (written by an older Okno without encryption)', { file });
  }
  return openSqlite(file, key);
}

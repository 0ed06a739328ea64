import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diskFullError, isDiskFull } from '../store/diskFull.js';

export const ATTACHMENTS_DIR = 'attachments';

/**
 * Attachment bytes as files named by their SHA-256 (`<dataDir>/attachments/ab/abcd…`), outside the
 * database: the cache file stays small and fast to vacuum, and one file shared by many messages is
 * stored once. A file is written to a temporary name and renamed, so a crash never leaves half a
 * file under a real hash; stray temporaries and unreferenced files go at the next sweep.
 */
export interface AttachmentFiles {
  readonly dir: string;
  /** Stores the bytes (once per content) and returns their hash. */
  write(data: Buffer): string;
  /** The bytes, or null when the file is missing or no longer matches its hash. */
  read(sha256: string): Buffer | null;
  /** Removes every file whose hash is not in `keep`; returns the bytes freed. */
  sweep(keep: ReadonlySet<string>): number;
  totalBytes(): number;
}

const HASH = /^[0-9a-f]{64}$/;

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function createAttachmentFiles(dataDir: string): AttachmentFiles {
  const dir = path.join(dataDir, ATTACHMENTS_DIR);
  const fileOf = (hash: string) => path.join(dir, hash.slice(0, 2), hash);

  /** Every stored file (and stray temporary), with its size. */
  function list(): { file: string; name: string; size: number }[] {
    let shards: string[];
    try {
      shards = readdirSync(dir);
    } catch {
      return [];
    }
    const out: { file: string; name: string; size: number }[] = [];
    for (const shard of shards) {
      const shardDir = path.join(dir, shard);
      let names: string[];
      try {
        names = readdirSync(shardDir);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(shardDir, name);
        out.push({ file, name, size: statSync(file).size });
      }
    }
    return out;
  }

  return {
    dir,
    write(data) {
      const hash = sha256Of(data);
      const file = fileOf(hash);
      if (read(file, hash)) return hash;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, data);
        renameSync(temp, file);
      } catch (error) {
        if (isDiskFull(error)) throw diskFullError(file, error);
        throw error;
      }
      return hash;
    },
    read: (sha256) => (HASH.test(sha256) ? read(fileOf(sha256), sha256) : null),
    sweep(keep) {
      let freed = 0;
      for (const entry of list()) {
        if (HASH.test(entry.name) && keep.has(entry.name)) continue;
        rmSync(entry.file, { force: true });
        freed += entry.size;
      }
      return freed;
    },
    totalBytes: () => list().reduce((sum, e) => sum + e.size, 0),
  };
}

function read(file: string, hash: string): Buffer | null {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  return sha256Of(data) === hash ? data : null;
}

/**
 * The recordings' audio outside the database (decision 0037): each file is named by the sha256 of its
 * bytes under `<dataDir>/recordings/<first two hex>/<sha>.wav`, written to a temporary file first and
 * renamed, so a reader never sees half a file and the same audio is kept once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class AudioStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.wav`);
  }

  /** Stores the bytes (once, however many times they are put); resolves with their name and size. */
  async put(bytes: Buffer): Promise<{ sha256: string; bytes: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    const exists = await stat(target).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (!exists) {
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = path.join(this.tmpDir, `${sha256}.${randomBytes(4).toString('hex')}.part`);
      try {
        await writeFile(temp, bytes, { mode: 0o600, flush: true });
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    }
    return { sha256, bytes: bytes.length };
  }

  /** Up to `length` bytes from `offset`, and the file's size. */
  async slice(sha256: string, offset: number, length: number): Promise<{ total: number; data: Buffer }> {
    const file = await open(this.pathOf(sha256), 'r');
    try {
      const total = (await file.stat()).size;
      const count = Math.max(0, Math.min(length, total - offset));
      const data = Buffer.alloc(count);
      if (count > 0) await file.read(data, 0, count, offset);
      return { total, data };
    } finally {
      await file.close();
    }
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Free bytes for an unprivileged writer on the recordings' disk; null when the system cannot say. */
  async freeBytes(): Promise<number | null> {
    try {
      const fs = await statfs(this.root);
      return fs.bavail * fs.bsize;
    } catch {
      return null;
    }
  }

  /** Bytes of every file in the folder (stored audio, leftovers, anything else put there). */
  async folderBytes(): Promise<number> {
    let total = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile())
          total += await stat(full).then(
            (s) => s.size,
            () => 0,
          );
      }
    };
    await walk(this.root);
    return total;
  }
}

import type { CachedAttachment } from '../../../shared/contract.js';
import type { SqliteDatabase } from './sqlite.js';

interface AttachmentRow {
  id: string;
  message_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Attachment metadata; the bytes are files named by `sha256` (see files/attachmentFiles.ts). */
export interface AttachmentsRepo {
  put(attachment: CachedAttachment, now: number): void;
  get(id: string): CachedAttachment | null;
  /** Every file hash some attachment row still refers to. */
  referencedHashes(): Set<string>;
  totalBytes(): number;
  /** Rows of messages no longer in the cache (replica rebuilt). */
  removeOrphans(): number;
}

function toAttachment(row: AttachmentRow): CachedAttachment {
  return { id: row.id, messageId: row.message_id, name: row.name, mime: row.mime, size: row.size, sha256: row.sha256 };
}

export function createAttachmentsRepo(db: SqliteDatabase): AttachmentsRepo {
  const upsert = db.prepare(`
    INSERT INTO attachments (id, message_id, name, mime, size, sha256, created_at)
    VALUES (@id, @messageId, @name, @mime, @size, @sha256, @now)
    ON CONFLICT (id) DO UPDATE SET message_id = excluded.message_id, name = excluded.name, mime = excluded.mime,
      size = excluded.size, sha256 = excluded.sha256`);
  const select = db.prepare('SELECT * FROM attachments WHERE id = ?');
  const hashes = db.prepare('SELECT DISTINCT sha256 FROM attachments');
  // Stored bytes: each file once, however many messages carry it.
  const total = db.prepare(
    'SELECT coalesce(sum(size), 0) AS n FROM (SELECT sha256, max(size) AS size FROM attachments GROUP BY sha256)',
  );
  const orphans = db.prepare('DELETE FROM attachments WHERE message_id NOT IN (SELECT id FROM messages)');

  return {
    put: (attachment, now) => void upsert.run({ ...attachment, now }),
    get(id) {
      const row = select.get(id) as AttachmentRow | undefined;
      return row ? toAttachment(row) : null;
    },
    referencedHashes: () => new Set((hashes.all() as { sha256: string }[]).map((r) => r.sha256)),
    totalBytes: () => (total.get() as { n: number }).n,
    removeOrphans: () => orphans.run().changes,
  };
}

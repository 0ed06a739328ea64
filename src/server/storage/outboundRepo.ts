import type { Attachment } from '../gateways/gateway.js';
import type { Database } from './database.js';

export interface UploadInfo {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/**
 * What agents send beyond text: each group's email signature, and files uploaded for a reply.
 * An upload belongs to the agent who sent it until a reply of theirs claims it into `attachments`.
 */
export class OutboundRepo {
  private readonly s;

  constructor(private readonly db: Database) {
    this.s = {
      signatureGet: db.prepare('SELECT text FROM group_signatures WHERE group_id = ?'),
      signatureAll: db.prepare('SELECT group_id AS groupId, text FROM group_signatures'),
      signaturePut: db.prepare(
        `INSERT INTO group_signatures (group_id, text, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (group_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
      ),
      signatureDelete: db.prepare('DELETE FROM group_signatures WHERE group_id = ?'),
      uploadPut: db.prepare(
        'INSERT INTO outbound_uploads (id, agent_id, name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      uploadInfo: db.prepare('SELECT id, name, mime, size FROM outbound_uploads WHERE id = ? AND agent_id = ?'),
      uploadData: db.prepare('SELECT name, mime, data FROM outbound_uploads WHERE id = ? AND agent_id = ?'),
      uploadDelete: db.prepare('DELETE FROM outbound_uploads WHERE id = ?'),
      uploadsBefore: db.prepare('DELETE FROM outbound_uploads WHERE created_at < ?'),
      attachmentPut: db.prepare(
        'INSERT INTO attachments (id, message_id, name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  signature(groupId: string): string | null {
    return (this.s.signatureGet.get(groupId) as { text: string } | undefined)?.text ?? null;
  }

  signatures(): Map<string, string> {
    const rows = this.s.signatureAll.all() as { groupId: string; text: string }[];
    return new Map(rows.map((r) => [r.groupId, r.text]));
  }

  /** An empty text removes the group's signature. */
  setSignature(groupId: string, text: string, now: number): void {
    if (text.trim() === '') this.s.signatureDelete.run(groupId);
    else this.s.signaturePut.run(groupId, text, now);
  }

  putUpload(id: string, agentId: string, file: Attachment, now: number): UploadInfo {
    this.s.uploadPut.run(id, agentId, file.name, file.mime, file.data.length, file.data, now);
    return { id, name: file.name, mime: file.mime, size: file.data.length };
  }

  upload(id: string, agentId: string): UploadInfo | null {
    return (this.s.uploadInfo.get(id, agentId) as UploadInfo | undefined) ?? null;
  }

  /**
   * Moves the agent's uploads into the message's attachments (one transaction) and returns them;
   * an id that is not the agent's unclaimed upload leaves everything as it was.
   */
  claim(ids: readonly string[], agentId: string, messageId: string, now: number): Attachment[] | { missing: string } {
    return this.db.transaction(() => {
      const files: Attachment[] = [];
      for (const id of ids) {
        const file = this.s.uploadData.get(id, agentId) as Attachment | undefined;
        if (!file) return { missing: id };
        this.s.attachmentPut.run(id, messageId, file.name, file.mime, file.data.length, file.data, now);
        this.s.uploadDelete.run(id);
        files.push(file);
      }
      return files;
    })();
  }

  /** Forgets uploads no reply claimed (abandoned drafts). */
  dropUploadsBefore(at: number): number {
    return this.s.uploadsBefore.run(at).changes;
  }
}

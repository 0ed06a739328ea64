import type { z } from 'zod';
import type { AttachmentInfo as AttachmentInfoSchema } from '../../shared/hubApi/channelsApi.js';
import type { Attachment } from '../gateways/gateway.js';
import type { Database } from './database.js';

export interface ThreadChannel {
  threadId: string;
  channelId: string;
  address: string;
  subject: string | null;
}

/** Its schema is the API's (channelsApi). */
export type AttachmentInfo = z.infer<typeof AttachmentInfoSchema>;

/**
 * What the channels add to a message and a thread: the channel and reply address of each thread,
 * external message ids (deduplication, email threading), full bodies with HTML and headers, and
 * attachments.
 */
export class InboundRepo {
  private readonly keyGet;
  private readonly keyPut;
  private readonly keysOfThread;
  private readonly threadGet;
  private readonly threadPut;
  private readonly bodyPut;
  private readonly bodyGet;
  private readonly attachmentPut;
  private readonly attachmentsOf;
  private readonly attachmentData;

  constructor(db: Database) {
    this.keyGet = db.prepare(
      'SELECT message_id AS messageId FROM message_keys WHERE channel_id = ? AND external_id = ?',
    );
    this.keyPut = db.prepare(
      'INSERT OR IGNORE INTO message_keys (channel_id, external_id, message_id) VALUES (?, ?, ?)',
    );
    this.keysOfThread = db.prepare(
      `SELECT k.external_id AS externalId FROM message_keys k JOIN messages m ON m.id = k.message_id
       WHERE m.thread_id = ? AND k.channel_id = ? ORDER BY m.created_at, m.id`,
    );
    this.threadGet = db.prepare(
      'SELECT thread_id AS threadId, channel_id AS channelId, address, subject FROM thread_channels WHERE thread_id = ?',
    );
    this.threadPut = db.prepare(
      `INSERT INTO thread_channels (thread_id, channel_id, address, subject) VALUES (?, ?, ?, ?)
       ON CONFLICT (thread_id) DO UPDATE SET channel_id = excluded.channel_id, address = excluded.address,
         subject = coalesce(thread_channels.subject, excluded.subject)`,
    );
    this.bodyPut = db.prepare(
      `INSERT INTO message_bodies (message_id, full_text, html, headers_json) VALUES (?, ?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET
         full_text = excluded.full_text, html = excluded.html, headers_json = excluded.headers_json`,
    );
    this.bodyGet = db.prepare(
      'SELECT full_text AS fullText, html, headers_json AS headersJson FROM message_bodies WHERE message_id = ?',
    );
    this.attachmentPut = db.prepare(
      'INSERT INTO attachments (id, message_id, name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.attachmentsOf = db.prepare(
      'SELECT id, message_id AS messageId, name, mime, size FROM attachments WHERE message_id = ? ORDER BY rowid',
    );
    this.attachmentData = db.prepare('SELECT name, mime, data FROM attachments WHERE id = ?');
  }

  messageByKey(channelId: string, externalId: string): string | null {
    return (this.keyGet.get(channelId, externalId) as { messageId: string } | undefined)?.messageId ?? null;
  }

  putKey(channelId: string, externalId: string, messageId: string): void {
    this.keyPut.run(channelId, externalId, messageId);
  }

  keysOf(threadId: string, channelId: string): string[] {
    return (this.keysOfThread.all(threadId, channelId) as { externalId: string }[]).map((r) => r.externalId);
  }

  threadChannel(threadId: string): ThreadChannel | null {
    return (this.threadGet.get(threadId) as ThreadChannel | undefined) ?? null;
  }

  setThreadChannel(value: ThreadChannel): void {
    this.threadPut.run(value.threadId, value.channelId, value.address, value.subject);
  }

  putBody(messageId: string, fullText: string, html: string | null, headers: Record<string, string>): void {
    this.bodyPut.run(messageId, fullText, html, JSON.stringify(headers));
  }

  body(messageId: string): { fullText: string; html: string | null; headers: Record<string, string> } | null {
    const row = this.bodyGet.get(messageId) as
      { fullText: string; html: string | null; headersJson: string } | undefined;
    return row
      ? { fullText: row.fullText, html: row.html, headers: JSON.parse(row.headersJson) as Record<string, string> }
      : null;
  }

  putAttachment(id: string, messageId: string, attachment: Attachment, now: number): void {
    this.attachmentPut.run(
      id,
      messageId,
      attachment.name,
      attachment.mime,
      attachment.data.length,
      attachment.data,
      now,
    );
  }

  attachments(messageId: string): AttachmentInfo[] {
    return this.attachmentsOf.all(messageId) as AttachmentInfo[];
  }

  attachment(id: string): Attachment | null {
    return (this.attachmentData.get(id) as Attachment | undefined) ?? null;
  }
}

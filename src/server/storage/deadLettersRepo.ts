import type { DeadLetterReason } from '../gateways/gateway.js';
import type { Database } from './database.js';

export interface DeadLetter {
  id: string;
  channelId: string | null;
  channelKind: string;
  reason: DeadLetterReason;
  detail: string;
  /** The payload as received; binary payloads are base64 in listings. */
  payload: Buffer;
  createdAt: number;
}

/** Inbound payloads that were kept but not put in the queue, newest first for the admin. */
export class DeadLettersRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly getStmt;
  private readonly removeStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO dead_letters (id, channel_id, channel_kind, reason, detail, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.listStmt = db.prepare(
      `SELECT id, channel_id AS channelId, channel_kind AS channelKind, reason, detail, payload, created_at AS createdAt
       FROM dead_letters WHERE (? IS NULL OR channel_id = ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM dead_letters');
    this.getStmt = db.prepare(
      `SELECT id, channel_id AS channelId, channel_kind AS channelKind, reason, detail, payload, created_at AS createdAt
       FROM dead_letters WHERE id = ?`,
    );
    this.removeStmt = db.prepare('DELETE FROM dead_letters WHERE id = ?');
  }

  get(id: string): DeadLetter | null {
    return (this.getStmt.get(id) as DeadLetter | undefined) ?? null;
  }

  /** An admin discarded it (or retried it); false when there was no such letter. */
  remove(id: string): boolean {
    return this.removeStmt.run(id).changes > 0;
  }

  insert(letter: DeadLetter): void {
    this.insertStmt.run(
      letter.id,
      letter.channelId,
      letter.channelKind,
      letter.reason,
      letter.detail,
      letter.payload,
      letter.createdAt,
    );
  }

  list(channelId: string | null, limit: number): DeadLetter[] {
    return this.listStmt.all(channelId, channelId, limit) as DeadLetter[];
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}

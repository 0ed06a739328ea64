import type { z } from 'zod';
import type { Delivery as DeliverySchema } from '../../shared/hubApi/channelsApi.js';
import type { Database } from './database.js';

/** Its schema is the API's (channelsApi). */
export type Delivery = z.infer<typeof DeliverySchema>;

/** What became of each agent reply sent through a channel gateway. */
export class DeliveriesRepo {
  private readonly putStmt;
  private readonly getStmt;

  constructor(db: Database) {
    this.putStmt = db.prepare(
      `INSERT INTO deliveries (message_id, channel_id, status, external_id, error, attempts, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET status = excluded.status, external_id = excluded.external_id,
         error = excluded.error, attempts = excluded.attempts, updated_at = excluded.updated_at`,
    );
    this.getStmt = db.prepare(
      `SELECT message_id AS messageId, channel_id AS channelId, status, external_id AS externalId, error, attempts,
         updated_at AS updatedAt FROM deliveries WHERE message_id = ?`,
    );
  }

  put(delivery: Delivery): void {
    this.putStmt.run(
      delivery.messageId,
      delivery.channelId,
      delivery.status,
      delivery.externalId,
      delivery.error,
      delivery.attempts,
      delivery.updatedAt,
    );
  }

  get(messageId: string): Delivery | null {
    return (this.getStmt.get(messageId) as Delivery | undefined) ?? null;
  }
}

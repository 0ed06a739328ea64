import type { Migration } from './migration.js';

/**
 * Channels beyond web chat: each configured gateway (its settings, its secrets sealed), the
 * gateway's own progress (IMAP UIDs, Telegram update offsets), how a customer is known on each
 * channel, which channel and address a thread answers through, the external ids of messages
 * (deduplication and email threading), message bodies beyond plain text, attachments, outbound
 * delivery attempts, and dead letters: inbound payloads that were kept but not put in the queue.
 */
export const channels: Migration = {
  version: 3,
  name: 'channels',
  up(db) {
    db.exec(`
      CREATE TABLE channels (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('email', 'telegram', 'vk', 'webhook')),
        name TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        -- AES-256-GCM sealed JSON of the secrets; never returned through the API.
        secrets_sealed TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE channel_state (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (channel_id, key)
      ) STRICT;

      CREATE TABLE customer_identities (
        kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'telegram', 'vk', 'webhook')),
        value TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, value)
      ) STRICT;
      CREATE INDEX customer_identities_by_customer ON customer_identities(customer_id);

      CREATE TABLE thread_channels (
        thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL REFERENCES channels(id),
        address TEXT NOT NULL,
        subject TEXT
      ) STRICT;

      CREATE TABLE message_keys (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        external_id TEXT NOT NULL,
        message_id TEXT NOT NULL REFERENCES messages(id),
        PRIMARY KEY (channel_id, external_id)
      ) STRICT;
      CREATE INDEX message_keys_by_message ON message_keys(message_id);

      CREATE TABLE message_bodies (
        message_id TEXT PRIMARY KEY REFERENCES messages(id),
        full_text TEXT NOT NULL,
        html TEXT,
        headers_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES messages(id),
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX attachments_by_message ON attachments(message_id);

      CREATE TABLE deliveries (
        message_id TEXT PRIMARY KEY REFERENCES messages(id),
        channel_id TEXT NOT NULL REFERENCES channels(id),
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'delivered', 'failed')),
        external_id TEXT,
        error TEXT,
        attempts INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE dead_letters (
        id TEXT PRIMARY KEY,
        channel_id TEXT,
        channel_kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        payload BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX dead_letters_by_time ON dead_letters(created_at);
    `);
  },
};

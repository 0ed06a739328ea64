import type { Migration } from './migration.js';

/**
 * Ratings in every channel (issue 16): one row per rating request (a token sent to an email, Telegram
 * or VK customer, or a caller's one-time rating address), bound to its thread and to the address it was
 * sent to, valid until `expires_at`, answered at most once. The rating itself is the thread's `csat`
 * event, as for web chat, so the stats read one kind. The admin's settings are one JSON row.
 */
export const csat: Migration = {
  version: 22,
  name: 'csat',
  up(db) {
    db.exec(`
      CREATE TABLE csat_requests (
        token TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        address TEXT,
        language TEXT NOT NULL CHECK (language IN ('en', 'ru')),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        answered_at INTEGER,
        score INTEGER CHECK (score BETWEEN 1 AND 5)
      );
      CREATE INDEX csat_requests_thread ON csat_requests (thread_id, created_at);
      CREATE TABLE csat_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        settings_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};

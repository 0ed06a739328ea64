import type { Migration } from './migration.js';

/**
 * Call recordings (issue 16, decision 0037). A row per recorded call, linked to its thread; the audio is
 * a file outside the database, named by its sha256 (two rows may share one), so `sha256` is indexed for
 * retention's "is this file still used". `delete_after` is what retention reads. A group may override
 * its line's recording policy (`groups.recording_policy`, NULL: as the line). The team's settings are one row.
 */
export const recording: Migration = {
  version: 19,
  name: 'recording',
  up(db) {
    db.exec(`
      CREATE TABLE recordings (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        call_id TEXT NOT NULL,
        line_id TEXT,
        agent_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('recording', 'processing', 'ready', 'failed')),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        media_type TEXT NOT NULL DEFAULT 'audio/wav',
        sha256 TEXT,
        pauses_json TEXT NOT NULL DEFAULT '[]',
        peaks_json TEXT NOT NULL DEFAULT '[]',
        delete_after INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX recordings_thread ON recordings (thread_id, started_at);
      CREATE INDEX recordings_delete_after ON recordings (delete_after);
      CREATE INDEX recordings_sha ON recordings (sha256);
      CREATE TABLE recording_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cap_bytes INTEGER NOT NULL,
        agents_hear_own INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE groups ADD COLUMN recording_policy TEXT CHECK (recording_policy IN ('all', 'none', 'on_demand'));
    `);
  },
};

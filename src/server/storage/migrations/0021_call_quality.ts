import type { Migration } from './migration.js';

/**
 * Call quality figures per call (issue 16, decision 0040): one row per call and source — what the
 * agent's WebRTC statistics saw (`agent`, sent with the call record) and what rtpengine saw
 * (`rtpengine`, polled by the hub while a queue call is answered). `legs` keeps rtpengine's per-leg
 * figures as JSON. The lead panel reads by (source, ended_at) for a period, grouped by agent.
 */
export const callQuality: Migration = {
  version: 21,
  name: 'call quality',
  up(db) {
    db.exec(`
      CREATE TABLE call_quality (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('agent', 'rtpengine')),
        thread_id TEXT REFERENCES threads(id) ON DELETE CASCADE,
        agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
        call_id TEXT,
        ended_at INTEGER NOT NULL,
        samples INTEGER NOT NULL CHECK (samples >= 0),
        mos_avg REAL CHECK (mos_avg IS NULL OR mos_avg BETWEEN 1 AND 4.5),
        mos_worst REAL CHECK (mos_worst IS NULL OR mos_worst BETWEEN 1 AND 4.5),
        packets INTEGER NOT NULL CHECK (packets >= 0),
        lost INTEGER NOT NULL CHECK (lost >= 0),
        loss_percent REAL NOT NULL CHECK (loss_percent BETWEEN 0 AND 100),
        jitter_ms REAL NOT NULL CHECK (jitter_ms >= 0),
        rtt_ms REAL CHECK (rtt_ms IS NULL OR rtt_ms >= 0),
        poor INTEGER NOT NULL CHECK (poor IN (0, 1)),
        legs TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX call_quality_period ON call_quality (source, ended_at);
      CREATE INDEX call_quality_thread ON call_quality (thread_id);
    `);
  },
};

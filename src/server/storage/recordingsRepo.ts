/**
 * Call recordings' rows (decision 0037): one per recorded call, its audio a content-addressed file
 * outside the database (src/server/recording/audioStore.ts); and the team's recording settings.
 */
import type { Recording, RecordingPause, RecordingSettings } from '../../shared/recording/recording.js';
import type { Database } from './database.js';

/** A recording as the hub keeps it: the shared shape plus where it came from and its file. */
export interface StoredRecording extends Recording {
  callId: string;
  lineId: string | null;
  /** The audio file's sha256 (its name); null until the audio is made. */
  sha256: string | null;
}

export const DEFAULT_RECORDING_SETTINGS: RecordingSettings = {
  capBytes: 10 * 1024 ** 3,
  agentsHearOwn: false,
};

interface Row {
  id: string;
  thread_id: string;
  call_id: string;
  line_id: string | null;
  agent_id: string | null;
  state: Recording['state'];
  started_at: number;
  ended_at: number | null;
  duration_ms: number;
  bytes: number;
  media_type: string;
  sha256: string | null;
  pauses_json: string;
  peaks_json: string;
  delete_after: number;
}

function toRecording(row: Row): StoredRecording {
  return {
    id: row.id,
    threadId: row.thread_id,
    callId: row.call_id,
    lineId: row.line_id,
    agentId: row.agent_id,
    state: row.state,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    bytes: row.bytes,
    mediaType: row.media_type,
    sha256: row.sha256,
    pauses: JSON.parse(row.pauses_json) as RecordingPause[],
    peaks: JSON.parse(row.peaks_json) as number[],
    deleteAfter: row.delete_after,
  };
}

export class RecordingsRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      byId: db.prepare('SELECT * FROM recordings WHERE id = ?'),
      ofThread: db.prepare('SELECT * FROM recordings WHERE thread_id = ? ORDER BY started_at, id'),
      upsert: db.prepare(
        `INSERT INTO recordings (id, thread_id, call_id, line_id, agent_id, state, started_at, ended_at, duration_ms,
           bytes, media_type, sha256, pauses_json, peaks_json, delete_after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, ended_at = excluded.ended_at,
           duration_ms = excluded.duration_ms, bytes = excluded.bytes, media_type = excluded.media_type,
           sha256 = excluded.sha256, pauses_json = excluded.pauses_json, peaks_json = excluded.peaks_json,
           delete_after = excluded.delete_after`,
      ),
      due: db.prepare('SELECT * FROM recordings WHERE delete_after <= ? ORDER BY delete_after, id LIMIT ?'),
      unfinished: db.prepare("SELECT * FROM recordings WHERE state IN ('recording', 'processing') ORDER BY started_at"),
      remove: db.prepare('DELETE FROM recordings WHERE id = ?'),
      shaUsers: db.prepare('SELECT count(*) AS n FROM recordings WHERE sha256 = ?'),
      // A file shared by several rows is on disk once.
      storedBytes: db.prepare(
        'SELECT coalesce(sum(bytes), 0) AS n FROM (SELECT max(bytes) AS bytes FROM recordings WHERE sha256 IS NOT NULL GROUP BY sha256) per_file',
      ),
      settings: db.prepare('SELECT cap_bytes, agents_hear_own FROM recording_settings WHERE id = 1'),
      saveSettings: db.prepare(
        `INSERT INTO recording_settings (id, cap_bytes, agents_hear_own, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET cap_bytes = excluded.cap_bytes, agents_hear_own = excluded.agents_hear_own,
           updated_at = excluded.updated_at`,
      ),
    };
  }

  byId(id: string): StoredRecording | null {
    const row = this.s.byId.get(id) as Row | undefined;
    return row ? toRecording(row) : null;
  }

  ofThread(threadId: string): StoredRecording[] {
    return (this.s.ofThread.all(threadId) as Row[]).map(toRecording);
  }

  save(r: StoredRecording): void {
    this.s.upsert.run(
      r.id,
      r.threadId,
      r.callId,
      r.lineId,
      r.agentId,
      r.state,
      r.startedAt,
      r.endedAt,
      r.durationMs,
      r.bytes,
      r.mediaType,
      r.sha256,
      JSON.stringify(r.pauses),
      JSON.stringify(r.peaks),
      r.deleteAfter,
    );
  }

  /** Rows whose retention ran out by `at`, oldest first. */
  due(at: number, limit: number): StoredRecording[] {
    return (this.s.due.all(at, limit) as Row[]).map(toRecording);
  }

  /** Rows left recording or processing (a hub that stopped mid-call). */
  unfinished(): StoredRecording[] {
    return (this.s.unfinished.all() as Row[]).map(toRecording);
  }

  remove(id: string): boolean {
    return this.s.remove.run(id).changes > 0;
  }

  /** How many rows use this file. */
  usersOf(sha256: string): number {
    return (this.s.shaUsers.get(sha256) as { n: number }).n;
  }

  storedBytes(): number {
    return (this.s.storedBytes.get() as { n: number }).n;
  }

  settings(): RecordingSettings {
    const row = this.s.settings.get() as { cap_bytes: number; agents_hear_own: number } | undefined;
    return row ? { capBytes: row.cap_bytes, agentsHearOwn: row.agents_hear_own === 1 } : DEFAULT_RECORDING_SETTINGS;
  }

  saveSettings(settings: RecordingSettings, now: number): void {
    this.s.saveSettings.run(settings.capBytes, settings.agentsHearOwn ? 1 : 0, now);
  }
}

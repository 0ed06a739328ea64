import type { ChannelKind, ChannelRecord } from '../gateways/gateway.js';
import type { Database } from './database.js';

interface ChannelRow {
  id: string;
  kind: ChannelKind;
  name: string;
  settings_json: string;
  secrets_sealed: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface StoredChannel extends ChannelRecord {
  secretsSealed: string;
  createdAt: number;
  updatedAt: number;
}

function toChannel(row: ChannelRow): StoredChannel {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
    enabled: row.enabled === 1,
    secretsSealed: row.secrets_sealed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Configured channels and each gateway's own progress (offsets, UIDs). */
export class ChannelsRepo {
  private readonly upsertStmt;
  private readonly byIdStmt;
  private readonly allStmt;
  private readonly deleteStmt;
  private readonly stateGet;
  private readonly stateSet;

  constructor(db: Database) {
    this.upsertStmt = db.prepare(
      `INSERT INTO channels (id, kind, name, settings_json, secrets_sealed, enabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, settings_json = excluded.settings_json,
         secrets_sealed = excluded.secrets_sealed, enabled = excluded.enabled, updated_at = excluded.updated_at`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM channels WHERE id = ?');
    this.allStmt = db.prepare('SELECT * FROM channels ORDER BY created_at, id');
    this.deleteStmt = db.prepare('UPDATE channels SET enabled = 0, updated_at = ? WHERE id = ?');
    this.stateGet = db.prepare('SELECT value FROM channel_state WHERE channel_id = ? AND key = ?');
    this.stateSet = db.prepare(
      `INSERT INTO channel_state (channel_id, key, value) VALUES (?, ?, ?)
       ON CONFLICT (channel_id, key) DO UPDATE SET value = excluded.value`,
    );
  }

  save(channel: StoredChannel): void {
    this.upsertStmt.run(
      channel.id,
      channel.kind,
      channel.name,
      JSON.stringify(channel.settings),
      channel.secretsSealed,
      channel.enabled ? 1 : 0,
      channel.createdAt,
      channel.updatedAt,
    );
  }

  byId(id: string): StoredChannel | null {
    const row = this.byIdStmt.get(id) as ChannelRow | undefined;
    return row ? toChannel(row) : null;
  }

  all(): StoredChannel[] {
    return (this.allStmt.all() as ChannelRow[]).map(toChannel);
  }

  /** Channels are disabled, never deleted: their threads still answer through them. */
  disable(id: string, now: number): void {
    this.deleteStmt.run(now, id);
  }

  state(channelId: string, key: string): string | null {
    return (this.stateGet.get(channelId, key) as { value: string } | undefined)?.value ?? null;
  }

  setState(channelId: string, key: string, value: string): void {
    this.stateSet.run(channelId, key, value);
  }
}

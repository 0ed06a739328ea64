/** The hub instances working on one database: who they are, where, with which settings, last seen when. */
import type { Database } from './database.js';

export interface HubInstance {
  id: string;
  startedAt: number;
  seenAt: number;
  url: string;
  settings: Record<string, unknown>;
}

interface Row {
  id: string;
  startedAt: number;
  seenAt: number;
  url: string;
  settings: string;
}

export class InstancesRepo {
  private readonly upsertStmt;
  private readonly seenStmt;
  private readonly aliveStmt;
  private readonly removeStmt;

  constructor(db: Database) {
    this.upsertStmt = db.prepare(
      `INSERT INTO hub_instances (id, started_at, seen_at, url, settings_json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at, url = excluded.url,
         settings_json = excluded.settings_json`,
    );
    this.seenStmt = db.prepare('UPDATE hub_instances SET seen_at = ? WHERE id = ?');
    this.aliveStmt = db.prepare(
      `SELECT id, started_at AS startedAt, seen_at AS seenAt, url, settings_json AS settings
         FROM hub_instances WHERE seen_at >= ? ORDER BY started_at, id`,
    );
    this.removeStmt = db.prepare('DELETE FROM hub_instances WHERE id = ? OR seen_at < ?');
  }

  register(instance: HubInstance): void {
    this.upsertStmt.run(
      instance.id,
      instance.startedAt,
      instance.seenAt,
      instance.url,
      JSON.stringify(instance.settings),
    );
  }

  seen(id: string, at: number): void {
    this.seenStmt.run(at, id);
  }

  /** Instances seen at or after `since`. */
  alive(since: number): HubInstance[] {
    return (this.aliveStmt.all(since) as Row[]).map((row) => ({
      ...row,
      settings: JSON.parse(row.settings) as Record<string, unknown>,
    }));
  }

  /** Removes this instance, and instances not seen since `staleBefore`. */
  remove(id: string, staleBefore: number): void {
    this.removeStmt.run(id, staleBefore);
  }
}

/**
 * The change log keeps one row per entity: its newest state. Recording a change deletes the
 * entity's previous row and inserts a fresh one with a new seq, so a pull after any cursor returns
 * only latest states and the log grows with the number of entities, not of edits.
 *
 * A transaction's changes are written last, just before its commit. On PostgreSQL they are written
 * under a transaction-scoped advisory lock, so seqs are handed out in commit order across every
 * hub instance: a reader that has seen seq N can never later find a smaller seq committed, and
 * `seq > cursor` stays exact (decision 0045). On SQLite the single writer gives that already.
 */
import type { EntityChange as Change } from '../../shared/sync.js';
import type { Database } from './database.js';

export type EntityName = Change['entity'];
export type EntityData<E extends EntityName> = Extract<Change, { entity: E }>['data'];
export type EntityRef = readonly [EntityName, string];
export type PendingChange = Omit<Change, 'seq'>;

/** pg_advisory_xact_lock key for "appending to the change log". */
const CHANGE_LOG_LOCK = 7_401_002;

interface ChangeRow {
  seq: number;
  entity: string;
  data: string;
}

function toChange(row: ChangeRow): Change {
  // The log holds only what record() wrote, already shaped as Change data.
  return { seq: row.seq, entity: row.entity, data: JSON.parse(row.data) } as Change;
}

export class ChangeLog {
  private readonly deleteOld;
  private readonly insert;
  private readonly byEntity;
  private readonly after;
  private readonly countAfterStmt;
  private readonly maxSeqStmt;
  private readonly anyAfterStmt;
  private readonly lock;

  constructor(db: Database) {
    this.lock = db.engine === 'postgres' ? db.prepare('SELECT pg_advisory_xact_lock(?)') : null;
    this.deleteOld = db.prepare('DELETE FROM change_log WHERE entity = ? AND entity_id = ?');
    this.insert = db.prepare('INSERT INTO change_log (entity, entity_id, data) VALUES (?, ?, ?)');
    this.byEntity = db.prepare('SELECT seq, entity, data FROM change_log WHERE entity = ? AND entity_id = ?');
    this.after = db.prepare('SELECT seq, entity, data FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?');
    this.countAfterStmt = db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?');
    this.maxSeqStmt = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM change_log');
    this.anyAfterStmt = db.prepare('SELECT 1 AS found FROM change_log WHERE seq > ? LIMIT 1');
  }

  /** Writes a transaction's changes, in order; call last inside the write transaction (see Writer). */
  append(pending: readonly PendingChange[]): Change[] {
    if (pending.length === 0) return [];
    this.lock?.get(CHANGE_LOG_LOCK);
    return pending.map(({ entity, data }) => {
      this.deleteOld.run(entity, data.id);
      const result = this.insert.run(entity, data.id, JSON.stringify(data));
      return { seq: Number(result.lastInsertRowid), entity, data } as Change;
    });
  }

  current(entity: EntityName, id: string): Change | null {
    const row = this.byEntity.get(entity, id) as ChangeRow | undefined;
    return row ? toChange(row) : null;
  }

  page(afterSeq: number, limit: number): Change[] {
    return (this.after.all(afterSeq, limit) as ChangeRow[]).map(toChange);
  }

  /** Rows after `seq`: a scan of the whole rest of the log. */
  countAfter(seq: number): number {
    return (this.countAfterStmt.get(seq) as { n: number }).n;
  }

  /** Whether any row is after `seq` (one index probe). */
  anyAfter(seq: number): boolean {
    return this.anyAfterStmt.get(seq) !== undefined;
  }

  /** The newest row is never superseded by an older one, so max(seq) is the last seq handed out. */
  maxSeq(): number {
    return (this.maxSeqStmt.get() as { seq: number }).seq;
  }
}

/** Keeps the last write of each entity, where it was last written (an entity written twice appears once). */
export function lastWritePerEntity(pending: readonly PendingChange[]): PendingChange[] {
  const byKey = new Map<string, PendingChange>();
  for (const change of pending) {
    const key = `${change.entity}:${change.data.id}`;
    byKey.delete(key);
    byKey.set(key, change);
  }
  return [...byKey.values()];
}

/** Keeps the last change of each entity, in seq order (an entity written twice in one batch appears once). */
export function latestPerEntity(changes: readonly Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) byKey.set(`${change.entity}:${change.data.id}`, change);
  return [...byKey.values()].sort((a, b) => a.seq - b.seq);
}

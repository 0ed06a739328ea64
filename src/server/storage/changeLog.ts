/**
 * The change log keeps one row per entity: its newest state. Recording a change deletes the
 * entity's previous row and inserts a fresh one with a new seq, so a pull after any cursor returns
 * only latest states and the log grows with the number of entities, not of edits.
 */
import type { EntityChange as Change } from '../../shared/sync.js';
import type { Database } from './sqlite.js';

export type EntityName = Change['entity'];
export type EntityData<E extends EntityName> = Extract<Change, { entity: E }>['data'];
export type EntityRef = readonly [EntityName, string];

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

  constructor(db: Database) {
    this.deleteOld = db.prepare('DELETE FROM change_log WHERE entity = ? AND entity_id = ?');
    this.insert = db.prepare('INSERT INTO change_log (entity, entity_id, data) VALUES (?, ?, ?)');
    this.byEntity = db.prepare('SELECT seq, entity, data FROM change_log WHERE entity = ? AND entity_id = ?');
    this.after = db.prepare('SELECT seq, entity, data FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?');
    this.countAfterStmt = db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?');
    this.maxSeqStmt = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM change_log');
  }

  /** Call inside a write transaction (see Writer). */
  record<E extends EntityName>(entity: E, data: EntityData<E>): Change {
    this.deleteOld.run(entity, data.id);
    const result = this.insert.run(entity, data.id, JSON.stringify(data));
    return { seq: Number(result.lastInsertRowid), entity, data } as Change;
  }

  current(entity: EntityName, id: string): Change | null {
    const row = this.byEntity.get(entity, id) as ChangeRow | undefined;
    return row ? toChange(row) : null;
  }

  page(afterSeq: number, limit: number): Change[] {
    return (this.after.all(afterSeq, limit) as ChangeRow[]).map(toChange);
  }

  countAfter(seq: number): number {
    return (this.countAfterStmt.get(seq) as { n: number }).n;
  }

  /** The newest row is never superseded by an older one, so max(seq) is the last seq handed out. */
  maxSeq(): number {
    return (this.maxSeqStmt.get() as { seq: number }).seq;
  }
}

/** Keeps the last change of each entity, in seq order (an entity written twice in one batch appears once). */
export function latestPerEntity(changes: readonly Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) byKey.set(`${change.entity}:${change.data.id}`, change);
  return [...byKey.values()].sort((a, b) => a.seq - b.seq);
}

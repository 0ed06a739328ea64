/**
 * The one way shared state changes: a transaction whose entity writes record their changes, and
 * after the commit those changes are published to live clients. Callers never publish by hand, so
 * nothing can be committed without being broadcast.
 */
import type { Logger } from '../../shared/log.js';
import type { EntityChange as Change } from '../../shared/sync.js';
import type { ChangeFeed } from '../sync/changeFeed.js';
import type { DerivedRows } from './derivedRows.js';
import {
  lastWritePerEntity,
  type ChangeLog,
  type EntityData,
  type EntityName,
  type PendingChange,
} from './changeLog.js';
import type { Database } from './database.js';

/** A running write transaction. */
export interface Tx {
  /** One clock reading for the whole transaction, so everything it writes carries the same time. */
  readonly now: number;
  /** Notes an entity's new state; the change log gets it, with its seq, just before the commit. */
  record<E extends EntityName>(entity: E, data: EntityData<E>): void;
}

export interface WriteResult<T> {
  result: T;
  /** The latest change of each entity written, in seq order. */
  changes: Change[];
}

export type Write = <T>(work: (tx: Tx) => T) => WriteResult<T>;

const SLOW_TRANSACTION_MS = 40;
/** pg_advisory_xact_lock key for "a hub write transaction" (decision 0047). */
const WRITE_LOCK = 7_401_003;

export function createWriter(
  db: Database,
  changeLog: ChangeLog,
  feed: ChangeFeed,
  derived: DerivedRows,
  now: () => number,
  log: Logger,
): Write {
  // Several instances on one PostgreSQL write one transaction at a time, as one SQLite hub does: every
  // check-then-act of routing (capacity, who is free, is the thread still waiting) stays true for
  // the whole transaction whichever instance runs it.
  const serialize = db.engine === 'postgres' ? db.prepare('SELECT pg_advisory_xact_lock(?)') : null;
  return <T>(work: (tx: Tx) => T): WriteResult<T> => {
    const pending: PendingChange[] = [];
    const started = performance.now();
    const tx: Tx = {
      now: now(),
      record: (entity, data) => {
        pending.push({ entity, data } as PendingChange);
      },
    };
    const { result, changes } = db.transaction(() => {
      serialize?.get(WRITE_LOCK);
      const result = work(tx);
      const changes = changeLog.append(lastWritePerEntity(pending));
      derived.derive(changes);
      return { result, changes };
    })();
    const elapsed = performance.now() - started;
    if (elapsed > SLOW_TRANSACTION_MS) log.warn('slow write transaction', { ms: Math.round(elapsed) });
    feed.publish(changes);
    return { result, changes };
  };
}

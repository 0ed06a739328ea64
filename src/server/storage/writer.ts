/**
 * The one way shared state changes: a transaction whose entity writes record their changes, and
 * after the commit those changes are published to live clients. Callers never publish by hand, so
 * nothing can be committed without being broadcast.
 */
import type { Logger } from '../../shared/log.js';
import type { EntityChange as Change } from '../../shared/sync.js';
import type { ChangeFeed } from '../sync/changeFeed.js';
import { latestPerEntity, type ChangeLog, type EntityData, type EntityName } from './changeLog.js';
import type { Database } from './sqlite.js';

/** A running write transaction. */
export interface Tx {
  /** One clock reading for the whole transaction, so everything it writes carries the same time. */
  readonly now: number;
  record<E extends EntityName>(entity: E, data: EntityData<E>): Change;
}

export interface WriteResult<T> {
  result: T;
  /** The latest change of each entity written, in seq order. */
  changes: Change[];
}

export type Write = <T>(work: (tx: Tx) => T) => WriteResult<T>;

const SLOW_TRANSACTION_MS = 40;

export function createWriter(
  db: Database,
  changeLog: ChangeLog,
  feed: ChangeFeed,
  now: () => number,
  log: Logger,
): Write {
  return <T>(work: (tx: Tx) => T): WriteResult<T> => {
    const recorded: Change[] = [];
    const started = performance.now();
    const tx: Tx = {
      now: now(),
      record: (entity, data) => {
        const change = changeLog.record(entity, data);
        recorded.push(change);
        return change;
      },
    };
    const result = db.transaction(() => work(tx))();
    const elapsed = performance.now() - started;
    if (elapsed > SLOW_TRANSACTION_MS) log.warn('slow write transaction', { ms: Math.round(elapsed) });
    const changes = latestPerEntity(recorded);
    feed.publish(changes);
    return { result, changes };
  };
}

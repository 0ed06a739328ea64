/**
 * Rows derived from a write that belong in its transaction (the stats rows of the threads it
 * touched): run by the writer after the change log has the write's changes and before the commit,
 * so one commit — one disk sync on a durable SQLite hub — covers both, and only the instance that
 * made the change writes them (decision 0050). A listener that throws rolls the write back: catch
 * what may fail.
 */
import type { EntityChange as Change } from '../../shared/sync.js';

export type DerivingListener = (changes: readonly Change[]) => void;

export class DerivedRows {
  private readonly listeners = new Set<DerivingListener>();

  add(listener: DerivingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the writer inside the transaction (writer.ts). */
  derive(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}

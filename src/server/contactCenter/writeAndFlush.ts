/**
 * The contact center's unit of work: a write transaction, then — once it has committed — what it
 * queued for customers (auto-replies, their deferred rules) is handed on.
 */
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';

/** Runs work in a write transaction and delivers what it queued once committed. */
export interface Writes {
  write<T>(work: (tx: Tx) => T): T;
}

/** What runs after a transaction commits. */
export interface AfterCommit {
  flush(tx: Tx): void;
}

export class WriteAndFlush implements Writes {
  constructor(
    private readonly store: HubStore,
    private readonly afterCommit: AfterCommit,
  ) {}

  write<T>(work: (tx: Tx) => T): T {
    let seen: Tx | null = null;
    const { result } = this.store.write((tx) => {
      seen = tx;
      return work(tx);
    });
    if (seen) this.afterCommit.flush(seen);
    return result;
  }
}

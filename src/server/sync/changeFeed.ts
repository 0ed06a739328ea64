/**
 * Fans committed change batches out to live subscribers, chaining each frame to the previous one
 * with prevSeq. better-sqlite3 commits synchronously on one connection, and publish() runs right
 * after each commit, so frames go out in seq order and the chain has no gaps.
 */
import type { EntityChange as Change } from '../../shared/sync.js';
import { latestPerEntity } from '../storage/changeLog.js';

export interface ChangesFrame {
  type: 'changes';
  prevSeq: number;
  changes: Change[];
}

export type ChangesListener = (frame: ChangesFrame) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangesListener>();
  private last: number;

  constructor(startSeq: number) {
    this.last = startSeq;
  }

  /** The seq of the last change published; what a live client's cursor should equal after hello. */
  get lastSeq(): number {
    return this.last;
  }

  subscribe(listener: ChangesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(changes: readonly Change[]): void {
    const batch = latestPerEntity(changes);
    const lastChange = batch.at(-1);
    if (!lastChange) return;
    const frame: ChangesFrame = { type: 'changes', prevSeq: this.last, changes: batch };
    this.last = lastChange.seq;
    for (const listener of this.listeners) listener(frame);
  }
}

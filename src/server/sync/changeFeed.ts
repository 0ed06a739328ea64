/**
 * Fans committed change batches out to live subscribers, chaining each frame to the previous one
 * with prevSeq. A hub that runs alone publishes each batch right after its commit, so frames go
 * out in seq order and the chain has no gaps. Several instances on one database follow the change
 * log instead (followLog): after any commit, here or on another instance, the feed reads what lies
 * past its last seq; seqs are handed out in commit order (decision 0045), so the read is exact.
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
  private readLog: ((afterSeq: number, limit: number) => Change[]) | null = null;
  private announce: () => void = () => undefined;

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

  /**
   * From now on, publish what the change log holds past the last seq instead of the batches given;
   * `announce` tells the other instances after each commit made here.
   */
  followLog(readPage: (afterSeq: number, limit: number) => Change[], announce: () => void): void {
    this.readLog = readPage;
    this.announce = announce;
  }

  /** Called after each commit with what it changed. */
  publish(changes: readonly Change[]): void {
    if (!this.readLog) return this.emit(changes);
    this.catchUp();
    if (changes.length > 0) this.announce();
  }

  /** Publishes everything the change log holds past the last seq (following the log). */
  catchUp(): void {
    if (!this.readLog) return;
    for (let page = 0; page < 1000; page++) {
      const rows = this.readLog(this.last, 500);
      if (rows.length === 0) return;
      this.emit(rows);
    }
  }

  private emit(changes: readonly Change[]): void {
    const batch = latestPerEntity(changes);
    const lastChange = batch.at(-1);
    if (!lastChange) return;
    const frame: ChangesFrame = { type: 'changes', prevSeq: this.last, changes: batch };
    this.last = lastChange.seq;
    for (const listener of this.listeners) listener(frame);
  }
}

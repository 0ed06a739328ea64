/**
 * Pushes the "now" snapshot to the leads watching it: recomputed when the hub commits a change,
 * at most once per `intervalMs` (default 1 s), and only while someone is listening.
 */
import type { StatsService, StatsSnapshot } from './statsService.js';

export type SnapshotListener = (snapshot: StatsSnapshot) => void;

export class LiveStats {
  private readonly listeners = new Set<SnapshotListener>();
  private timer: NodeJS.Timeout | null = null;
  private lastRunAt = Number.NEGATIVE_INFINITY;
  /** Milliseconds the last recomputation took (the bench reads it). */
  lastCostMs = 0;

  constructor(
    private readonly stats: StatsService,
    private readonly now: () => number,
    private readonly intervalMs = 1000,
  ) {}

  subscribe(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Something changed: push soon, but never more often than once per interval. */
  changed(): void {
    if (this.listeners.size === 0 || this.timer) return;
    const wait = Math.max(0, this.lastRunAt + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.push();
    }, wait);
    this.timer.unref();
  }

  push(): StatsSnapshot {
    const started = performance.now();
    this.lastRunAt = started;
    const snapshot = this.stats.snapshot(this.now());
    this.lastCostMs = performance.now() - started;
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

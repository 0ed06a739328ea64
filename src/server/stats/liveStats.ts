/**
 * Pushes the "now" snapshot to the leads watching it: recomputed when the hub commits a change,
 * at most once per `intervalMs` (default 1 s), and only while someone is listening. Incremental:
 * today's contacts are kept in memory and only the threads a change touched are read again.
 * "Today" is the calendar day of the hub's configured zone; when the day (or the zone) changes, the
 * contacts are loaded afresh.
 */
import type { ContactRecord } from '../../shared/stats/contact.js';
import type { StatsService, StatsSnapshot } from './statsService.js';

export type SnapshotListener = (snapshot: StatsSnapshot) => void;

export class LiveStats {
  private readonly listeners = new Set<SnapshotListener>();
  private timer: NodeJS.Timeout | null = null;
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private cache: { from: number; byId: Map<string, ContactRecord> } | null = null;
  private readonly dirty = new Set<string>();
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
  changed(threadIds: readonly string[] = []): void {
    if (this.listeners.size === 0) return;
    for (const id of threadIds) this.dirty.add(id);
    if (this.timer) return;
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
    const now = this.now();
    const snapshot = this.stats.snapshot(now, this.stats.timeZone, this.recent(now));
    this.lastCostMs = performance.now() - started;
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.cache = null;
    this.dirty.clear();
  }

  private recent(now: number): ContactRecord[] {
    const from = this.stats.recentFrom(now);
    if (!this.cache || this.cache.from !== from) {
      this.dirty.clear();
      const byId = new Map(this.stats.contacts(from, now + 1, undefined, now).map((c) => [c.id, c]));
      this.cache = { from, byId };
    } else if (this.dirty.size > 0) {
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const id of ids) this.cache.byId.delete(id);
      for (const c of this.stats.contactsOf(ids)) {
        if (c.offeredAt !== null && c.offeredAt >= from) this.cache.byId.set(c.id, c);
      }
    }
    return [...this.cache.byId.values()];
  }
}

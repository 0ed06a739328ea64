/**
 * Removes web-chat visitors past their time (decision 0024), so a flood of hellos leaves no rows
 * behind: a visitor who never wrote after `silentDays`; one who wrote, once they have no open
 * conversation and nothing was said for `idleDays`. Their customers and conversations stay; a
 * browser that comes back with a removed secret simply starts as a new visitor. A visitor with a
 * socket open on this hub is kept.
 */
import type { Logger } from '../../shared/log.js';
import type { VisitorsRepo } from '../storage/visitorsRepo.js';
import type { WidgetLimits } from './widgetLimits.js';

const DAY = 86_400_000;
/** Rows removed per transaction: the hub's writes wait for no longer than one small batch. */
const BATCH = 500;

export class VisitorSweeper {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly visitors: VisitorsRepo,
    private readonly rules: WidgetLimits['visitors'],
    private readonly now: () => number,
    private readonly connected: (tokenHash: string) => boolean,
    private readonly log: Logger,
  ) {}

  /** Removes every visitor past their time now; returns how many. */
  sweep(): number {
    const at = this.now();
    const silentBefore = at - this.rules.silentDays * DAY;
    const idleBefore = at - this.rules.idleDays * DAY;
    let removed = 0;
    const kept = new Set<string>();
    for (;;) {
      const limit = BATCH + kept.size;
      const batch = this.visitors.expired(silentBefore, idleBefore, limit);
      const gone: string[] = [];
      const keptBefore = kept.size;
      for (const tokenHash of batch) {
        if (kept.has(tokenHash)) continue;
        if (this.connected(tokenHash)) kept.add(tokenHash);
        else gone.push(tokenHash);
      }
      if (gone.length > 0) this.visitors.remove(gone);
      removed += gone.length;
      // Done when that was all of them, or when a round found nothing new (only kept ones are left).
      if (batch.length < limit || (gone.length === 0 && kept.size === keptBefore)) break;
    }
    if (removed > 0) this.log.info('expired web-chat visitors removed', { removed, kept: kept.size });
    return removed;
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      try {
        this.sweep();
      } catch (error) {
        this.log.error('expired visitors not removed', { error: String(error) });
      }
    };
    run();
    this.timer = setInterval(run, this.rules.sweepEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

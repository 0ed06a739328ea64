/**
 * Wakes the hub when an agent's after-call work runs out, so they are ready on the second rather
 * than at the next clock tick (which still ends any it missed, e.g. after a restart). The decision
 * itself is the status desk's, made at the hub's `now`.
 */
import type { Logger } from '../../shared/log.js';
import type { AfterCallWorkClock } from './statusDesk.js';

export class AfterCallWorkTimers implements AfterCallWorkClock {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Set when the hub closes: nothing is scheduled on a closed store. */
  private stopped = false;

  constructor(
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  schedule(agentId: string, at: number, end: () => void): void {
    if (this.stopped) return;
    const previous = this.timers.get(agentId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(
      () => {
        this.timers.delete(agentId);
        try {
          end();
        } catch (error) {
          this.log.error('ending after-call work failed', { agentId, error: String(error) });
        }
      },
      Math.max(0, at - this.now()),
    );
    timer.unref();
    this.timers.set(agentId, timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * Wakes the hub when an agent's after-call work runs out, so they are ready on the second rather
 * than at the next clock tick (which still ends any it missed, e.g. after a restart). The decision
 * itself is the contact center's, made at the hub's `now`.
 */
import type { Logger } from '../../shared/log.js';
import type { ContactCenter } from './contactCenter.js';

export function scheduleAfterCallWork(center: ContactCenter, now: () => number, log: Logger): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  center.afterCallWorkScheduled = (agentId, at) => {
    if (stopped) return;
    const previous = timers.get(agentId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(
      () => {
        timers.delete(agentId);
        try {
          center.write((tx) => center.endAfterCallWork(tx));
        } catch (error) {
          log.error('ending after-call work failed', { agentId, error: String(error) });
        }
      },
      Math.max(0, at - now()),
    );
    timer.unref();
    timers.set(agentId, timer);
  };
  return () => {
    stopped = true;
    center.afterCallWorkScheduled = null;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}

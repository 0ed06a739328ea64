/** The SLA clock of one queue row, as a pure function of the deadline and the time now. */
import type { Channel } from '../../../shared/domain.js';
import { DEFAULT_RESPONSE_TARGETS } from '../../../shared/sla.js';

export type SlaClock =
  | { kind: 'none' }
  /** `soon`: the last quarter of the channel's response target (at least the last 10 seconds). */
  | { kind: 'ok' | 'soon'; remainingMs: number }
  | { kind: 'overdue'; overdueMs: number };

export function slaClock(channel: Channel, slaDueAt: number | null, now: number): SlaClock {
  if (slaDueAt === null) return { kind: 'none' };
  const remainingMs = slaDueAt - now;
  if (remainingMs <= 0) return { kind: 'overdue', overdueMs: now - slaDueAt };
  const soonThreshold = Math.max(10_000, DEFAULT_RESPONSE_TARGETS[channel] / 4);
  return { kind: remainingMs <= soonThreshold ? 'soon' : 'ok', remainingMs };
}

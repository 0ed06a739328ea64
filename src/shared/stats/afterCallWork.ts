/**
 * After-call work from the agents' status history (docs/stats-formulas.md): each period an agent
 * spent in `after_call_work` belongs to that agent's answered call that ended last before the
 * period began, if that call ended at most AFTER_CALL_GAP_MS earlier. A period with no such call
 * (wrap-up after a chat, or long after a call) is nobody's handle time.
 */
import type { ContactRecord } from './contact.js';

/** How long after a call its wrap-up may begin and still be its wrap-up. */
export const AFTER_CALL_GAP_MS = 2 * 60_000;
/** Softphones stamp a call's end with their own clock: a wrap-up the hub logged this much "before" it still counts. */
export const CLOCK_SKEW_MS = 5_000;

/** One status an agent was in, from `startedAt` (hub time), in the order they happened. */
export interface StatusEvent {
  agentId: string;
  status: string;
  startedAt: number;
}

export interface StatusPeriod {
  agentId: string;
  from: number;
  to: number;
}

/**
 * The `after_call_work` periods among the events: each ends where the agent's next event starts;
 * the agent's last one ends at `now` (still in wrap-up), never before it began.
 */
export function afterCallWorkPeriods(events: readonly StatusEvent[], now: number): StatusPeriod[] {
  const byAgent = new Map<string, StatusEvent[]>();
  for (const e of events) {
    let list = byAgent.get(e.agentId);
    if (!list) byAgent.set(e.agentId, (list = []));
    list.push(e);
  }
  const periods: StatusPeriod[] = [];
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    list.forEach((e, i) => {
      if (e.status !== 'after_call_work') return;
      const end = list[i + 1]?.startedAt ?? Math.max(e.startedAt, now);
      periods.push({ agentId, from: e.startedAt, to: Math.max(e.startedAt, end) });
    });
  }
  return periods;
}

/** Milliseconds of after-call work per contact id (answered phone contacts only). */
export function afterCallWorkByContact(
  contacts: readonly ContactRecord[],
  periods: readonly StatusPeriod[],
): Map<string, number> {
  const callsByAgent = new Map<string, { id: string; endedAt: number }[]>();
  for (const c of contacts) {
    if (c.channel !== 'phone' || c.answeredAt === null || c.agentId === null) continue;
    const endedAt = c.answeredAt + c.talkMs + c.holdMs;
    let list = callsByAgent.get(c.agentId);
    if (!list) callsByAgent.set(c.agentId, (list = []));
    list.push({ id: c.id, endedAt });
  }
  for (const list of callsByAgent.values()) list.sort((a, b) => a.endedAt - b.endedAt);
  const out = new Map<string, number>();
  for (const p of periods) {
    const calls = callsByAgent.get(p.agentId);
    if (!calls) continue;
    let match: { id: string; endedAt: number } | null = null;
    for (const call of calls) {
      if (call.endedAt > p.from + CLOCK_SKEW_MS) break;
      match = call;
    }
    if (!match || p.from - match.endedAt > AFTER_CALL_GAP_MS) continue;
    out.set(match.id, (out.get(match.id) ?? 0) + (p.to - p.from));
  }
  return out;
}

/** The contacts with their after-call work filled in from the status periods (a new array; inputs untouched). */
export function withAfterCallWork(
  contacts: readonly ContactRecord[],
  periods: readonly StatusPeriod[],
): ContactRecord[] {
  const acw = afterCallWorkByContact(contacts, periods);
  if (acw.size === 0) return [...contacts];
  return contacts.map((c) => {
    const ms = acw.get(c.id);
    return ms === undefined ? c : { ...c, afterCallWorkMs: ms };
  });
}

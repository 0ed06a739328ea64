/**
 * One thread's history reduced to a ContactRecord (docs/stats-formulas.md). Text channels: the
 * offer is the customer's first message, the answer the first reply written by an agent at or
 * after it (auto-replies are system messages and never count), an abandon is the thread closing
 * before any such reply. Phone: the call's own record (rang in, picked up, held, ended); outbound
 * calls are not offered contacts and yield null. Talk excludes hold; CSAT is the thread's last `csat`
 * event. After-call work is added later from the agents' status history (shared/stats/afterCallWork).
 * Missing facts count as 0 / null.
 */
import type { Channel } from '../../shared/domain.js';
import type { ContactRecord } from '../../shared/stats/contact.js';

export interface CallFacts {
  direction: 'inbound' | 'outbound';
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  /** Time the caller spent on hold (clipped to the answered part of the call). */
  holdMs?: number;
}

export interface ThreadHistory {
  id: string;
  channel: Channel;
  assigneeId: string | null;
  groupId: string | null;
  firstCustomerAt: number | null;
  firstAgentReplyAt: number | null;
  firstAgentReplyBy: string | null;
  closedAt: number | null;
  transfers: number;
  call: CallFacts | null;
  /** The customer's rating, where one was given (validated again by the formulas: 1..5). */
  csat?: number | null;
}

const finite = (n: number | null | undefined): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

export function contactFromHistory(h: ThreadHistory): ContactRecord | null {
  const base = {
    id: h.id,
    channel: h.channel,
    groupId: h.groupId,
    holdMs: 0,
    afterCallWorkMs: 0,
    transfers: h.transfers,
    csat: typeof h.csat === 'number' && Number.isInteger(h.csat) && h.csat >= 1 && h.csat <= 5 ? h.csat : null,
  };
  if (h.call) {
    if (h.call.direction !== 'inbound') return null;
    const answered = h.call.answeredAt;
    const connectedMs = answered === null ? 0 : Math.max(0, h.call.endedAt - answered);
    const holdMs = Math.min(connectedMs, Math.max(0, finite(h.call.holdMs)));
    return {
      ...base,
      agentId: answered === null ? null : h.assigneeId,
      offeredAt: h.call.startedAt,
      answeredAt: answered,
      abandonedAt: answered === null ? h.call.endedAt : null,
      talkMs: connectedMs - holdMs,
      holdMs,
    };
  }
  const offeredAt = h.firstCustomerAt;
  const answeredAt = offeredAt !== null && h.firstAgentReplyAt !== null ? h.firstAgentReplyAt : null;
  const abandonedAt = answeredAt === null && offeredAt !== null && h.closedAt !== null ? h.closedAt : null;
  return {
    ...base,
    agentId: answeredAt !== null ? (h.firstAgentReplyBy ?? h.assigneeId) : h.assigneeId,
    offeredAt,
    answeredAt,
    abandonedAt,
    // A chat's handle time runs from the first answer to the close, where both are known.
    talkMs: answeredAt !== null && h.closedAt !== null ? Math.max(0, h.closedAt - answeredAt) : 0,
  };
}

/** Total of hold intervals [from, to] inside [answeredAt, endedAt]; malformed entries count as nothing. */
export function holdWithin(holds: unknown, answeredAt: number | null, endedAt: number): number {
  if (answeredAt === null || !Array.isArray(holds)) return 0;
  let total = 0;
  for (const hold of holds as unknown[]) {
    if (typeof hold !== 'object' || hold === null) continue;
    const { from, to } = hold as { from?: unknown; to?: unknown };
    if (typeof from !== 'number' || typeof to !== 'number') continue;
    total += Math.max(0, Math.min(to, endedAt) - Math.max(from, answeredAt));
  }
  return total;
}

export function parseCallFacts(json: string | null): CallFacts | null {
  if (!json) return null;
  try {
    const data = JSON.parse(json) as Partial<CallFacts> & { holds?: unknown };
    if (
      (data.direction === 'inbound' || data.direction === 'outbound') &&
      typeof data.startedAt === 'number' &&
      typeof data.endedAt === 'number' &&
      (data.answeredAt === null || typeof data.answeredAt === 'number')
    ) {
      return {
        direction: data.direction,
        startedAt: data.startedAt,
        answeredAt: data.answeredAt,
        endedAt: data.endedAt,
        holdMs: holdWithin(data.holds, data.answeredAt, data.endedAt),
      };
    }
  } catch {
    // A malformed record counts as no call facts: the thread falls back to its messages.
  }
  return null;
}

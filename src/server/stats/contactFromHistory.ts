/**
 * One thread's history reduced to a ContactRecord (docs/stats-formulas.md). Text channels: the
 * offer is the customer's first message, the answer the first reply written by an agent at or
 * after it (auto-replies are system messages and never count), an abandon is the thread closing
 * before any such reply. Phone: the call's own record (rang in, picked up, held, ended); outbound
 * calls are not offered contacts and yield null. A call the hub's queue held carries its queue facts
 * (outcome, short, line, menu choice, missed offers); a callback request is neither answer nor abandon. Talk excludes hold; CSAT is the thread's last `csat`
 * event. After-call work is added later from the agents' status history (shared/stats/afterCallWork).
 * Missing facts count as 0 / null.
 */
import type { Channel } from '../../shared/domain.js';
import type { ContactRecord, QueueFacts, QueueOutcome } from '../../shared/stats/contact.js';

export interface CallFacts {
  direction: 'inbound' | 'outbound';
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  /** Time the caller spent on hold (clipped to the answered part of the call). */
  holdMs?: number;
  /** The hub's queue facts (a queued call's `call` event); absent for calls the softphone logged alone. */
  queue?: QueueFacts;
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
    const queue = h.call.queue;
    // A caller who asked for a callback left the queue neither answered nor abandoned.
    const callback = answered === null && queue?.outcome === 'callback';
    return {
      ...base,
      agentId: answered === null ? null : h.assigneeId,
      offeredAt: h.call.startedAt,
      answeredAt: answered,
      abandonedAt: answered === null && !callback ? h.call.endedAt : null,
      talkMs: connectedMs - holdMs,
      holdMs,
      ...(queue ? { queue } : {}),
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

const OUTCOMES: readonly QueueOutcome[] = ['answered', 'abandoned', 'callback', 'lost'];
const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The queue facts of a `call` event the hub's queue wrote (`queued: true`); undefined for the
 * softphone's own records, and for a queued record without a known outcome (counted as a plain call).
 * `missedBy`: the agents of the thread's `offer_missed` events (a JSON array; others are dropped).
 */
export function parseQueueFacts(data: Record<string, unknown>, missedBy: unknown = []): QueueFacts | undefined {
  if (data.queued !== true || !OUTCOMES.includes(data.outcome as QueueOutcome)) return undefined;
  const missedOffers = data.missedOffers;
  return {
    outcome: data.outcome as QueueOutcome,
    short: data.short === true,
    lineId: textOrNull(data.lineId),
    topic: textOrNull(data.topic),
    node: textOrNull(data.node),
    missedOffers:
      typeof missedOffers === 'number' && Number.isInteger(missedOffers) && missedOffers > 0 ? missedOffers : 0,
    missedBy: Array.isArray(missedBy) ? missedBy.filter((a): a is string => typeof a === 'string' && a.length > 0) : [],
  };
}

export function parseCallFacts(json: string | null, missedByJson: string | null = null): CallFacts | null {
  if (!json) return null;
  try {
    const data = JSON.parse(json) as Partial<CallFacts> & { holds?: unknown } & Record<string, unknown>;
    if (
      (data.direction === 'inbound' || data.direction === 'outbound') &&
      typeof data.startedAt === 'number' &&
      typeof data.endedAt === 'number' &&
      (data.answeredAt === null || typeof data.answeredAt === 'number')
    ) {
      const queue = parseQueueFacts(data, missedByJson ? JSON.parse(missedByJson) : []);
      return {
        direction: data.direction,
        startedAt: data.startedAt,
        answeredAt: data.answeredAt,
        endedAt: data.endedAt,
        holdMs: holdWithin(data.holds, data.answeredAt, data.endedAt),
        ...(queue ? { queue } : {}),
      };
    }
  } catch {
    // A malformed record counts as no call facts: the thread falls back to its messages.
  }
  return null;
}

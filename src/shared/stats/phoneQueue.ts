/**
 * The phone queue's figures (docs/stats-formulas.md, "Phone queue"): of the calls the hub's queue
 * held, from queue entry: service level 80/20, speed of answer and abandon share (short abandons and
 * callback requests left out of both), "lost" (hung up in the queue, not short), "short" (hung up
 * within 5 s), callbacks requested, and "missed" (offers that rang out at an agent). Per line, per
 * menu choice, and missed offers per agent. Pure: the formulas are summarizeContacts'.
 */
import { DEFAULT_RESPONSE_TARGETS } from '../sla.js';
import type { ContactRecord } from './contact.js';
import { isComplete, summarizeContacts } from './kpi.js';

/** Phone's service-level threshold (80/20: answered within 20 s, exactly 20 s inside). */
export const PHONE_QUEUE_THRESHOLD_MS = DEFAULT_RESPONSE_TARGETS.phone;

export interface QueueFigures {
  /** Queued calls whose outcome is known (offered = answered + lost + short + callbacks). */
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  /** Hung up in the queue (or lost by it) after 5 s or more. */
  lost: number;
  /** Hung up sooner than 5 s after entering the queue: in no share. */
  short: number;
  callbacks: number;
  /** Offers that rang out at an agent (an agent-side figure: one call may have several). */
  missed: number;
  /** answeredWithinThreshold ÷ (answered + lost). */
  serviceLevel: number | null;
  /** lost ÷ (answered + lost). */
  abandonRate: number | null;
  /** Mean wait from queue entry to answer. */
  averageSpeedOfAnswerMs: number | null;
}

export interface QueueRow {
  /** The line's id ('none': calls that matched no line), and for a choice `${line}/${node}`. */
  key: string;
  lineId: string | null;
  /** The menu step chosen, and the topic it means (choices only). */
  node: string | null;
  topic: string | null;
  figures: QueueFigures;
}

export interface PhoneQueueBreakdown {
  total: QueueFigures;
  byLine: QueueRow[];
  /** Calls that chose a queue step in a line's menu (calls of lines without a menu are in no row). */
  byChoice: QueueRow[];
  /** Offers that rang out per agent (their `offer_missed` events), most first. */
  missedByAgent: { agentId: string; missed: number }[];
}

const queued = (c: ContactRecord): c is ContactRecord & { queue: NonNullable<ContactRecord['queue']> } =>
  c.queue !== undefined;

export function queueFigures(contacts: readonly ContactRecord[]): QueueFigures {
  const calls = contacts.filter(queued);
  const s = summarizeContacts(calls, { thresholds: { ...DEFAULT_RESPONSE_TARGETS, phone: PHONE_QUEUE_THRESHOLD_MS } });
  // Incomplete calls (a clock that jumped) are counted nowhere, missed offers included.
  const missed = calls.reduce((sum, c) => sum + (isComplete(c) ? c.queue.missedOffers : 0), 0);
  return {
    offered: s.offered,
    answered: s.answered,
    answeredWithinThreshold: s.answeredWithinThreshold,
    lost: s.abandoned - s.abandonedShort,
    short: s.abandonedShort,
    callbacks: s.callbacksRequested,
    missed,
    serviceLevel: s.serviceLevel,
    abandonRate: s.abandonRate,
    averageSpeedOfAnswerMs: s.averageSpeedOfAnswerMs,
  };
}

function rows(
  calls: readonly (ContactRecord & { queue: NonNullable<ContactRecord['queue']> })[],
  keyOf: (c: ContactRecord & { queue: NonNullable<ContactRecord['queue']> }) => string | null,
  choice: boolean,
): QueueRow[] {
  const groups = new Map<string, (typeof calls)[number][]>();
  for (const c of calls) {
    const key = keyOf(c);
    if (key === null) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(c);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const first = group[0]!.queue;
      return {
        key,
        lineId: first.lineId,
        node: choice ? first.node : null,
        // A step's topic may have been edited within the period: the latest call's is shown.
        topic: choice ? (group.findLast((c) => c.queue.topic !== null)?.queue.topic ?? null) : null,
        figures: queueFigures(group),
      };
    });
}

export function phoneQueueBreakdown(contacts: readonly ContactRecord[]): PhoneQueueBreakdown {
  const calls = contacts.filter(queued);
  const missed = new Map<string, number>();
  for (const c of calls) {
    if (!isComplete(c)) continue;
    for (const agentId of c.queue.missedBy) missed.set(agentId, (missed.get(agentId) ?? 0) + 1);
  }
  return {
    total: queueFigures(calls),
    byLine: rows(calls, (c) => c.queue.lineId ?? 'none', false),
    byChoice: rows(calls, (c) => (c.queue.node === null ? null : `${c.queue.lineId ?? 'none'}/${c.queue.node}`), true),
    missedByAgent: [...missed]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .map(([agentId, n]) => ({ agentId, missed: n })),
  };
}

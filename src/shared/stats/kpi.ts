/**
 * Contact-center KPIs, implemented once (docs/stats-formulas.md). Every figure is either a
 * number or null ("no data"): an empty period, or one whose denominator is zero, never yields NaN.
 */
import type { Channel } from '../domain.js';
import { DEFAULT_RESPONSE_TARGETS } from '../sla.js';
import type { ContactRecord } from './contact.js';

/** Abandons this quick are counted apart and left out of service level and abandon rate. */
export const SHORT_ABANDON_MS = 5_000;

export interface KpiOptions {
  /** Answer-time threshold per channel for service level (defaults: the response-time targets). */
  thresholds?: Readonly<Record<Channel, number>>;
  shortAbandonMs?: number;
}

export interface KpiSummary {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  /**
   * Abandoned within SHORT_ABANDON_MS of being offered (included in `abandoned`). A queued call is
   * short when the hub says so (the caller hung up sooner than 5 s after entering the queue).
   */
  abandonedShort: number;
  /** Queued callers who asked to be called back: neither answered nor abandoned, not in `handled`. */
  callbacksRequested: number;
  /** Offered, neither answered nor abandoned yet. */
  waiting: number;
  /** Contacts whose events contradict each other or miss the offer: counted here, nowhere else. */
  incomplete: number;
  /** answeredWithinThreshold / (answered + abandoned − abandonedShort). */
  serviceLevel: number | null;
  /** (abandoned − abandonedShort) / (answered + abandoned − abandonedShort). */
  abandonRate: number | null;
  /** Mean wait of answered contacts (for text channels: first response time). */
  averageSpeedOfAnswerMs: number | null;
  /** Mean talk + hold + after-call work of answered contacts. */
  averageHandleTimeMs: number | null;
  transfers: number;
  csatAverage: number | null;
  csatResponses: number;
}

type Outcome =
  | { kind: 'incomplete' }
  | { kind: 'waiting' }
  | { kind: 'callback' }
  | { kind: 'answered'; waitMs: number }
  | { kind: 'abandoned'; waitMs: number; short: boolean | undefined };

function outcomeOf(contact: ContactRecord): Outcome {
  const { offeredAt, answeredAt, abandonedAt } = contact;
  if (offeredAt === null) return { kind: 'incomplete' };
  if (answeredAt !== null) {
    return answeredAt >= offeredAt ? { kind: 'answered', waitMs: answeredAt - offeredAt } : { kind: 'incomplete' };
  }
  if (abandonedAt !== null) {
    return abandonedAt >= offeredAt
      ? { kind: 'abandoned', waitMs: abandonedAt - offeredAt, short: contact.queue?.short }
      : { kind: 'incomplete' };
  }
  return contact.queue?.outcome === 'callback' ? { kind: 'callback' } : { kind: 'waiting' };
}

/** Whether the contact's events agree (it has an offer, and no answer or abandon before it). */
export const isComplete = (contact: ContactRecord): boolean => outcomeOf(contact).kind !== 'incomplete';

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function summarizeContacts(contacts: Iterable<ContactRecord>, options: KpiOptions = {}): KpiSummary {
  const thresholds = options.thresholds ?? DEFAULT_RESPONSE_TARGETS;
  const shortAbandonMs = options.shortAbandonMs ?? SHORT_ABANDON_MS;
  const s = {
    offered: 0,
    answered: 0,
    answeredWithinThreshold: 0,
    abandoned: 0,
    abandonedShort: 0,
    callbacksRequested: 0,
    waiting: 0,
    incomplete: 0,
    transfers: 0,
    csatResponses: 0,
  };
  let waitSum = 0;
  let handleSum = 0;
  let csatSum = 0;
  for (const contact of contacts) {
    const outcome = outcomeOf(contact);
    if (outcome.kind === 'incomplete') {
      s.incomplete++;
      continue;
    }
    s.offered++;
    s.transfers += contact.transfers;
    if (contact.csat !== null && contact.csat >= 1 && contact.csat <= 5) {
      s.csatResponses++;
      csatSum += contact.csat;
    }
    if (outcome.kind === 'waiting') {
      s.waiting++;
    } else if (outcome.kind === 'callback') {
      s.callbacksRequested++;
    } else if (outcome.kind === 'answered') {
      s.answered++;
      waitSum += outcome.waitMs;
      handleSum += contact.talkMs + contact.holdMs + contact.afterCallWorkMs;
      // Answered exactly at the threshold is inside it ("within 20 s").
      if (outcome.waitMs <= thresholds[contact.channel]) s.answeredWithinThreshold++;
    } else {
      s.abandoned++;
      // The queue's own verdict where there is one; otherwise within the threshold, inclusive.
      if (outcome.short ?? outcome.waitMs <= shortAbandonMs) s.abandonedShort++;
    }
  }
  const handled = s.answered + s.abandoned - s.abandonedShort;
  return {
    ...s,
    serviceLevel: ratio(s.answeredWithinThreshold, handled),
    abandonRate: ratio(s.abandoned - s.abandonedShort, handled),
    averageSpeedOfAnswerMs: ratio(waitSum, s.answered),
    averageHandleTimeMs: ratio(handleSum, s.answered),
    csatAverage: ratio(csatSum, s.csatResponses),
  };
}

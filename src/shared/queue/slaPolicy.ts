/**
 * Where a thread's SLA deadline comes from: the response-time target of its topic (when one is
 * set) or of its channel, counted in business hours. Defaults follow contact-center practice.
 */
import { z } from 'zod';
import { Channel } from '../domain.js';
import { DEFAULT_RESPONSE_TARGETS } from '../sla.js';
import { addBusinessTime, BusinessHours } from './businessHours.js';

const Target = z.number().int().positive();

export const SlaPolicy = z.object({
  channelTargets: z.record(Channel, Target),
  /** topic → channel → target; a topic target wins over the channel's. */
  topicTargets: z.record(z.string().min(1), z.partialRecord(Channel, Target)).default({}),
  /** null: the clock runs around the clock. */
  businessHours: BusinessHours.nullable(),
  /** Channels whose clock ignores business hours (a 24/7 hotline). */
  alwaysOpen: z.array(Channel).default([]),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  channelTargets: { ...DEFAULT_RESPONSE_TARGETS },
  topicTargets: {},
  businessHours: null,
  alwaysOpen: [],
};

/**
 * The target of a topic on a channel; `topicPath` (the topic and its ancestors, topic first) lets a rule
 * for a topic cover its subtopics — the closest topic with a target wins.
 */
export function responseTarget(
  policy: SlaPolicy,
  channel: Channel,
  topic: string | null,
  topicPath: readonly string[] = topic ? [topic] : [],
): number {
  for (const id of topicPath) {
    const target = policy.topicTargets[id]?.[channel];
    if (target !== undefined) return target;
  }
  return policy.channelTargets[channel];
}

/** The deadline of a thread whose oldest unanswered customer message arrived at `waitingSince`. */
export function deadlineFor(
  policy: SlaPolicy,
  thread: { channel: Channel; topic: string | null; topicPath?: readonly string[] },
  waitingSince: number,
): number {
  const target = responseTarget(policy, thread.channel, thread.topic, thread.topicPath);
  const hours = policy.alwaysOpen.includes(thread.channel) ? null : policy.businessHours;
  return addBusinessTime(hours, waitingSince, target);
}

/** How the queue shows a thread: overdue ones stand out. */
export function slaState(slaDueAt: number | null, now: number): 'none' | 'ok' | 'overdue' {
  if (slaDueAt === null) return 'none';
  return slaDueAt <= now ? 'overdue' : 'ok';
}

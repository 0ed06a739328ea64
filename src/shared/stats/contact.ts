import type { Channel } from '../domain.js';

/**
 * One offered contact (a call or a text thread's wait for its first answer), reduced from its
 * event history. Times are UTC epoch ms; null where the event did not happen. Auto-replies never
 * set `answeredAt`: only a person answers.
 */
export interface ContactRecord {
  id: string;
  channel: Channel;
  agentId: string | null;
  groupId: string | null;
  /** Entered the queue (the call rang in; the customer's first unanswered message arrived). */
  offeredAt: number | null;
  /** A person answered: the call was picked up, or an agent's first reply was sent. */
  answeredAt: number | null;
  /** The customer left before an answer (hung up in the queue, closed the chat). */
  abandonedAt: number | null;
  talkMs: number;
  holdMs: number;
  afterCallWorkMs: number;
  transfers: number;
  /** Customer satisfaction 1..5 where collected. */
  csat: number | null;
}

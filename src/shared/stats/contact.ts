import type { Channel } from '../domain.js';

/** How a queued call ended (the hub's `call` event): answered, hung up, asked for a callback, or lost. */
export type QueueOutcome = 'answered' | 'abandoned' | 'callback' | 'lost';

/**
 * What the hub's call queue knows of a call it held (absent for calls the softphone logged on its
 * own): the outcome, whether the caller hung up within 5 s, the line and menu choice, and the offers
 * that rang out at agents.
 */
export interface QueueFacts {
  outcome: QueueOutcome;
  /** The caller hung up sooner than SHORT_ABANDON_MS after entering the queue. */
  short: boolean;
  lineId: string | null;
  /** The menu choice's topic and the menu step chosen (null: no menu, or none chosen). */
  topic: string | null;
  node: string | null;
  /** Offers that rang out at an agent before the outcome. */
  missedOffers: number;
  /** The agent of each offer that rang out, as the thread's `offer_missed` events name them. */
  missedBy: string[];
}

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
  /** Queued calls only (entered the hub's call queue at arrival; `offeredAt` is that entry). */
  queue?: QueueFacts;
}

import type { Channel } from './domain.js';

/** Response-time targets per channel in milliseconds (the contact-center defaults). */
export const DEFAULT_RESPONSE_TARGETS: Readonly<Record<Channel, number>> = {
  phone: 20_000,
  webchat: 60_000,
  telegram: 30 * 60_000,
  vk: 30 * 60_000,
  webhook: 30 * 60_000,
  email: 2 * 60 * 60_000,
};

/**
 * The SLA deadline of a thread whose oldest unanswered customer message arrived at
 * `waitingSince`. Business hours arrive with the routing work; until then the clock
 * runs around the clock.
 */
export function slaDeadline(
  channel: Channel,
  waitingSince: number,
  targets: Readonly<Record<Channel, number>> = DEFAULT_RESPONSE_TARGETS,
): number {
  return waitingSince + targets[channel];
}

/** Queue order: the thread closest to (or furthest past) its deadline first; nothing waiting goes last. */
export function compareByDeadline(
  a: { slaDueAt: number | null; lastMessageAt: number; id: string },
  b: { slaDueAt: number | null; lastMessageAt: number; id: string },
): number {
  if (a.slaDueAt !== b.slaDueAt) {
    if (a.slaDueAt === null) return 1;
    if (b.slaDueAt === null) return -1;
    return a.slaDueAt - b.slaDueAt;
  }
  if (a.lastMessageAt !== b.lastMessageAt) return b.lastMessageAt - a.lastMessageAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

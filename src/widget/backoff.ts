/**
 * Reconnect delays: exponential with full jitter, capped, so a hub restart is not met by every
 * visitor's widget at the same instant, and a long outage costs one attempt per half-minute.
 */
export const BACKOFF = { baseMs: 500, capMs: 30_000, minMs: 250 } as const;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.min(attempt, 16));
  return Math.max(BACKOFF.minMs, Math.floor(random() * ceiling));
}

/** Exponential back-off with jitter, so many apps losing one hub do not return in lock-step. */
export interface Backoff {
  /** The delay before the next attempt; each call doubles the ceiling up to the maximum. */
  next(): number;
  reset(): void;
  readonly attempts: number;
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(max, base * 2 ** Math.min(attempts, 30));
      attempts += 1;
      // "Equal jitter": never less than half the ceiling, never more than the ceiling.
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}

/** A sliding-window counter: at most `max` events in any `windowMs`. */
export interface RateLimiter {
  /** Counts one event; false when it is over the limit (and is then not counted). */
  take(): boolean;
}

export function createRateLimiter(max: number, windowMs: number, now: () => number): RateLimiter {
  const times: number[] = [];
  return {
    take() {
      const t = now();
      while (times.length > 0 && t - times[0]! >= windowMs) times.shift();
      if (times.length >= max) return false;
      times.push(t);
      return true;
    },
  };
}

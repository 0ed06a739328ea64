/**
 * Token buckets, one per key (a visitor, an address, or one key for the whole hub): a bucket holds
 * up to `burst` tokens and gains `perMinute` a minute; taking one spends it. Time comes from the
 * injected clock, so tests move it. Memory stays bounded: a bucket that has filled up again is the
 * same as no bucket, and those are dropped first when there are too many keys.
 */
import type { Bucket } from './widgetLimits.js';

interface Level {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly levels = new Map<string, Level>();

  constructor(
    readonly rate: Bucket,
    private readonly now: () => number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until `key` has `cost` tokens; 0 when it has them now. */
  wait(key: string, cost = 1): number {
    const need = Math.min(cost, this.rate.burst);
    const tokens = this.tokens(key, this.now());
    return tokens >= need ? 0 : Math.ceil(((need - tokens) * 60_000) / this.rate.perMinute);
  }

  /** Spends `cost` tokens of `key` (callers check `wait` first; a cost over the burst spends the burst). */
  take(key: string, cost = 1): void {
    const at = this.now();
    const tokens = this.tokens(key, at) - Math.min(cost, this.rate.burst);
    this.levels.delete(key);
    this.levels.set(key, { tokens, at });
    if (this.levels.size > this.maxKeys) this.evict(at);
  }

  get size(): number {
    return this.levels.size;
  }

  private tokens(key: string, at: number): number {
    const level = this.levels.get(key);
    if (!level) return this.rate.burst;
    const refill = (Math.max(0, at - level.at) * this.rate.perMinute) / 60_000;
    return Math.min(this.rate.burst, level.tokens + refill);
  }

  /** Drops full buckets; if that is not enough, the least recently used ones (they were refilling). */
  private evict(at: number): void {
    for (const key of this.levels.keys()) {
      if (this.tokens(key, at) >= this.rate.burst) this.levels.delete(key);
    }
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.levels.keys()) {
      if (this.levels.size <= target) break;
      this.levels.delete(key);
    }
  }
}

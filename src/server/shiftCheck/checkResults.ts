/**
 * The results of shift checks, by the app's token, kept in memory for a while (decision 0043): a check
 * is a moment's figures for the agent who ran it, not a record of the contact center, so nothing of it
 * (not even the voice) is stored.
 */
import type { ShiftCheckResult } from '../../shared/shiftCheck/shiftCheck.js';

const KEEP_MS = 15 * 60_000;
const MAX_KEPT = 1000;

export class CheckResults {
  private readonly byToken = new Map<string, { result: ShiftCheckResult; at: number }>();

  constructor(private readonly now: () => number) {}

  get(token: string): ShiftCheckResult | null {
    const kept = this.byToken.get(token);
    if (!kept || this.now() - kept.at > KEEP_MS) return null;
    return kept.result;
  }

  /** Sets (or updates part of) the token's result; the oldest are forgotten first. */
  set(token: string, result: Partial<ShiftCheckResult>): void {
    const previous = this.byToken.get(token)?.result ?? WAITING;
    this.byToken.delete(token);
    this.byToken.set(token, { result: { ...previous, ...result }, at: this.now() });
    const cutoff = this.now() - KEEP_MS;
    for (const [key, kept] of this.byToken) {
      if (kept.at >= cutoff && this.byToken.size <= MAX_KEPT) break;
      this.byToken.delete(key);
    }
  }
}

export const WAITING: ShiftCheckResult = {
  state: 'waiting',
  mic: null,
  activeDbfs: null,
  rmsDbfs: null,
  peakDbfs: null,
  packets: 0,
  recordedMs: 0,
  playedBack: false,
  failure: null,
};

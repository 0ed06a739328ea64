/**
 * Call quality (issue 16, decision 0040): one sample of a live call's figures, the "connection poor"
 * rule with hysteresis, and the summary that travels with the call record and is stored on the hub.
 */
import { z } from 'zod';
import { Id, Millis } from '../domain.js';
import { estimateMos, lossPercent } from './mos.js';

/** The figures of one sampling interval (deltas of the counters since the previous sample). */
export interface QualitySample {
  at: number;
  jitterMs: number;
  rttMs: number | null;
  packetsReceived: number;
  packetsLost: number;
}

/**
 * "Poor" looks at the last WINDOW samples (~6 s at one sample every 2 s), so one bad interval does not
 * raise the warning; it goes up at MOS < 3.6 or loss > 3 % and comes down only at MOS ≥ 3.8 and
 * loss ≤ 1.5 %, so a call sitting on the line does not flicker.
 */
export const POOR_RULE = {
  window: 3,
  raiseMos: 3.6,
  raiseLossPercent: 3,
  clearMos: 3.8,
  clearLossPercent: 1.5,
} as const;

export interface WindowFigures {
  mos: number;
  lossPercent: number;
  jitterMs: number;
  rttMs: number | null;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The figures of some samples taken together: loss over all their packets, jitter and RTT averaged. */
export function figuresOf(samples: readonly QualitySample[]): WindowFigures | null {
  if (samples.length === 0) return null;
  const loss = lossPercent(
    samples.reduce((a, s) => a + s.packetsLost, 0),
    samples.reduce((a, s) => a + s.packetsReceived, 0),
  );
  const jitterMs = mean(samples.map((s) => s.jitterMs));
  const rtts = samples.flatMap((s) => (s.rttMs === null ? [] : [s.rttMs]));
  const rttMs = rtts.length === 0 ? null : mean(rtts);
  return { mos: estimateMos({ jitterMs, lossPercent: loss, rttMs }), lossPercent: loss, jitterMs, rttMs };
}

/** Whether the call is poor now, given whether it was poor after the previous sample. */
export function isPoor(window: WindowFigures | null, wasPoor: boolean): boolean {
  if (window === null) return wasPoor;
  if (wasPoor) return window.mos < POOR_RULE.clearMos || window.lossPercent > POOR_RULE.clearLossPercent;
  return window.mos < POOR_RULE.raiseMos || window.lossPercent > POOR_RULE.raiseLossPercent;
}

const Figure = z.number().nonnegative().max(1_000_000);
const Mos = z.number().min(1).max(4.5);

/** What one side saw of a whole call. */
export const CallQualitySummary = z.object({
  samples: z.number().int().nonnegative().max(100_000),
  /** Null when no MOS could be had (rtpengine without RTCP reports). */
  mosAvg: Mos.nullable(),
  mosWorst: Mos.nullable(),
  packets: z.number().int().nonnegative(),
  lost: z.number().int().nonnegative(),
  lossPercent: z.number().min(0).max(100),
  jitterMs: Figure,
  rttMs: Figure.nullable(),
  /** The warning was shown at some point of the call (or, for rtpengine, the whole call rates poor). */
  poor: z.boolean(),
});
export type CallQualitySummary = z.infer<typeof CallQualitySummary>;

/** Follows one live call: add samples, read whether it is poor now, and sum it up at the end. */
export class QualityTracker {
  private readonly samples: QualitySample[] = [];
  private poorNow = false;
  private everPoor = false;

  add(sample: QualitySample): { poor: boolean; window: WindowFigures | null } {
    if (sample.packetsReceived + sample.packetsLost === 0) return { poor: this.poorNow, window: null };
    this.samples.push(sample);
    const window = figuresOf(this.samples.slice(-POOR_RULE.window));
    this.poorNow = isPoor(window, this.poorNow);
    this.everPoor ||= this.poorNow;
    return { poor: this.poorNow, window };
  }

  get poor(): boolean {
    return this.poorNow;
  }

  summary(): CallQualitySummary | null {
    const all = figuresOf(this.samples);
    if (!all) return null;
    const moses = this.samples.map((s) => figuresOf([s])!.mos);
    return {
      samples: this.samples.length,
      mosAvg: round(mean(moses), 2),
      mosWorst: round(Math.min(...moses), 2),
      packets: this.samples.reduce((a, s) => a + s.packetsReceived + s.packetsLost, 0),
      lost: this.samples.reduce((a, s) => a + s.packetsLost, 0),
      lossPercent: round(all.lossPercent, 2),
      jitterMs: round(all.jitterMs, 1),
      rttMs: all.rttMs === null ? null : round(all.rttMs, 1),
      poor: this.everPoor,
    };
  }
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** One agent's calls in a period (the lead panel). */
export const AgentQuality = z.object({
  agentId: Id,
  agentName: z.string(),
  calls: z.number().int().nonnegative(),
  mosAvg: z.number().nullable(),
  /** Share of calls where the warning came up, 0..1. */
  poorShare: z.number().min(0).max(1),
  jitterMs: z.number().nullable(),
  lossPercent: z.number().nullable(),
  rttMs: z.number().nullable(),
  /** rtpengine's view of the same agent's queue calls (packets it saw lost from the caller). */
  engineCalls: z.number().int().nonnegative(),
  engineLossPercent: z.number().nullable(),
});
export type AgentQuality = z.infer<typeof AgentQuality>;

export const QualityPeriod = z
  .object({ from: z.coerce.number().pipe(Millis), to: z.coerce.number().pipe(Millis) })
  .refine((p) => p.to > p.from, { message: 'the period must end after it starts', path: ['to'] })
  .refine((p) => p.to - p.from <= 400 * 86_400_000, { message: 'the period is at most 400 days', path: ['to'] });
export type QualityPeriod = z.infer<typeof QualityPeriod>;

export const QualitySummaryReply = z.object({ from: Millis, to: Millis, agents: z.array(AgentQuality) });
export type QualitySummaryReply = z.infer<typeof QualitySummaryReply>;

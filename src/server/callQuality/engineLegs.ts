/**
 * rtpengine's view of a call (decision 0040), read from ng `query` replies: per leg (tag) the RTP
 * packets rtpengine received, and — when the party sends RTCP reports rtpengine rates — its MOS, jitter
 * and loss. rtpengine's query carries no sequence numbers, so for constant-rate G.711 (one packet per
 * 20 ms) loss is also estimated from the packet rate between two polls; polls where a leg sent nothing
 * (hold, the leg not up yet) are skipped, so a silent stream is not taken for a lossy one.
 */
import type { CallQualitySummary } from '../../shared/callQuality/callQuality.js';
import { POOR_RULE, round } from '../../shared/callQuality/callQuality.js';
import { lossPercent } from '../../shared/callQuality/mos.js';
import type { EngineLeg } from '../storage/callQualityRepo.js';

type Json = unknown;
const PACKET_MS = 20;
const CONSTANT_RATE = /^(PCMU|PCMA)\//i;

/** One leg as one query reply shows it. */
export interface LegReading {
  tag: string;
  packets: number;
  constantRate: boolean;
  /** From rtpengine's RTCP-based SSRC stats, when it has them. */
  mos: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
}

const dict = (value: Json): Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Json>) : {};
const list = (value: Json): Json[] => (Array.isArray(value) ? value : []);
const num = (value: Json): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The legs of a query reply; unknown shapes give fewer legs, never an exception. */
export function readLegs(reply: Record<string, Json>): LegReading[] {
  const ssrcs = dict(reply.SSRC);
  return Object.entries(dict(reply.tags)).map(([tag, value]) => {
    let packets = 0;
    let constantRate = false;
    let rated: Record<string, Json> | null = null;
    for (const media of list(dict(value).medias)) {
      const m = dict(media);
      if (m.type !== 'audio') continue;
      if (typeof m.codec === 'string' && CONSTANT_RATE.test(m.codec)) constantRate = true;
      for (const stream of list(m.streams)) {
        const s = dict(stream);
        if (!list(s.flags).includes('RTP')) continue;
        packets += num(dict(s.stats).packets) ?? 0;
        const ssrc = num(s.SSRC);
        const average = ssrc === null ? null : dict(dict(ssrcs[String(ssrc)])['average MOS']);
        if (average && num(average.MOS) !== null) rated = average;
      }
    }
    return {
      tag,
      packets,
      constantRate,
      // rtpengine reports MOS × 10 (43 = 4.3) and jitter in ms.
      mos: rated ? Math.min(4.5, Math.max(1, num(rated.MOS)! / 10)) : null,
      jitterMs: rated ? num(rated.jitter) : null,
      lossPercent: rated ? num(rated['packet loss']) : null,
    };
  });
}

interface LegState {
  last: { at: number; packets: number } | null;
  packets: number;
  expected: number;
  lost: number;
  moses: number[];
  jitters: number[];
  reportedLoss: number[];
}

/** Follows one answered call's legs across polls. */
export class EngineCallFigures {
  private readonly legs = new Map<string, LegState>();
  private polls = 0;

  add(at: number, reply: Record<string, Json>): void {
    this.polls += 1;
    for (const reading of readLegs(reply)) {
      const leg = this.legs.get(reading.tag) ?? {
        last: null,
        packets: 0,
        expected: 0,
        lost: 0,
        moses: [],
        jitters: [],
        reportedLoss: [],
      };
      if (leg.last && reading.constantRate) {
        const got = reading.packets - leg.last.packets;
        if (got > 0) {
          const expected = Math.round((at - leg.last.at) / PACKET_MS);
          leg.expected += Math.max(expected, got);
          leg.lost += Math.max(0, expected - got);
        }
      }
      leg.packets = reading.packets;
      leg.last = { at, packets: reading.packets };
      if (reading.mos !== null) leg.moses.push(reading.mos);
      if (reading.jitterMs !== null) leg.jitters.push(reading.jitterMs);
      if (reading.lossPercent !== null) leg.reportedLoss.push(reading.lossPercent);
      this.legs.set(reading.tag, leg);
    }
  }

  legsOf(): EngineLeg[] {
    return [...this.legs.entries()].map(([tag, leg]) => ({
      tag,
      packets: leg.packets,
      lost: leg.lost,
      jitterMs: leg.jitters.length ? round(avg(leg.jitters), 1) : null,
      mos: leg.moses.length ? round(avg(leg.moses), 2) : null,
    }));
  }

  /**
   * The call as the agent hears it: the caller's leg (the caller's From-tag), the one between the
   * caller's network and the PBX. Null when rtpengine never showed that leg.
   */
  summary(callerTag: string): CallQualitySummary | null {
    const leg = this.legs.get(callerTag);
    if (!leg || this.polls === 0) return null;
    const loss = leg.reportedLoss.length ? avg(leg.reportedLoss) : lossPercent(leg.lost, leg.expected - leg.lost);
    const mos = leg.moses.length ? avg(leg.moses) : null;
    return {
      samples: this.polls,
      mosAvg: mos === null ? null : round(mos, 2),
      mosWorst: leg.moses.length ? round(Math.min(...leg.moses), 2) : null,
      packets: leg.expected > 0 ? leg.expected : leg.packets,
      lost: leg.lost,
      lossPercent: round(Math.min(100, loss), 2),
      jitterMs: leg.jitters.length ? round(avg(leg.jitters), 1) : 0,
      rttMs: null,
      poor: loss > POOR_RULE.raiseLossPercent || (mos !== null && mos < POOR_RULE.raiseMos),
    };
  }
}

function avg(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

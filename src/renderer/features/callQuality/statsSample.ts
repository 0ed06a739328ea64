/**
 * One quality sample from a call's WebRTC statistics (decision 0040): the caller's audio as it reaches
 * the agent (inbound-rtp: jitter, lost and received since the previous reading) and the round trip
 * (remote-inbound-rtp, else the ICE candidate pair's). Pure over the stats entries, so it is unit-tested.
 */
import type { QualitySample } from '../../../shared/callQuality/callQuality.js';

type Stat = Record<string, unknown>;

/** The counters a sample is the difference of. */
export interface Counters {
  packetsReceived: number;
  packetsLost: number;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function readStats(stats: Iterable<Stat>): {
  counters: Counters | null;
  jitterMs: number;
  rttMs: number | null;
} {
  let counters: Counters | null = null;
  let jitterMs = 0;
  let remoteRtt: number | null = null;
  let pairRtt: number | null = null;
  for (const s of stats) {
    if (s.type === 'inbound-rtp' && (s.kind ?? s.mediaType) === 'audio') {
      counters = { packetsReceived: num(s.packetsReceived) ?? 0, packetsLost: num(s.packetsLost) ?? 0 };
      jitterMs = (num(s.jitter) ?? 0) * 1000;
    } else if (s.type === 'remote-inbound-rtp' && (s.kind ?? s.mediaType) === 'audio') {
      remoteRtt = num(s.roundTripTime);
    } else if (s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded') {
      pairRtt = num(s.currentRoundTripTime);
    }
  }
  const rtt = remoteRtt ?? pairRtt;
  return { counters, jitterMs, rttMs: rtt === null ? null : rtt * 1000 };
}

/** The sample between two readings (packetsLost may fall when late packets arrive: never below 0). */
export function sampleBetween(
  at: number,
  previous: Counters | null,
  reading: ReturnType<typeof readStats>,
): QualitySample | null {
  if (!reading.counters) return null;
  const base = previous ?? { packetsReceived: 0, packetsLost: 0 };
  return {
    at,
    jitterMs: reading.jitterMs,
    rttMs: reading.rttMs,
    packetsReceived: Math.max(0, reading.counters.packetsReceived - base.packetsReceived),
    packetsLost: Math.max(0, reading.counters.packetsLost - base.packetsLost),
  };
}

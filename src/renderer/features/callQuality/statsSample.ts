/**
 * One quality sample from a call's WebRTC statistics (decision 0040): the caller's audio as it reaches
 * the agent (inbound-rtp: jitter, lost and received since the previous reading) and the round trip
 * (remote-inbound-rtp, else the ICE candidate pair's). The one reader of getStats in the app: the shift
 * check (decision 0043) reads the same entries, plus the far end's jitter and the microphone's level.
 * Pure over the stats entries, so it is unit-tested.
 */
import type { QualitySample } from '../../../shared/callQuality/callQuality.js';

type Stat = Record<string, unknown>;

/** The counters a sample is the difference of. */
export interface Counters {
  packetsReceived: number;
  packetsLost: number;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** What one getStats reading says about the call's audio. */
export interface StatsReading {
  /** The caller's audio as it reaches the agent (cumulative); null before any arrives. */
  counters: Counters | null;
  /** Jitter of what the agent receives. */
  jitterMs: number;
  /** Jitter of what the far end (rtpengine) reports receiving from the agent, when it reports. */
  remoteJitterMs: number | null;
  rttMs: number | null;
  /** The loudest level (0..1) the microphone sent in this reading. */
  sentLevel: number | null;
}

const isAudio = (s: Stat) => (s.kind ?? s.mediaType) === 'audio';
const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

export function readStats(stats: Iterable<Stat>): StatsReading {
  let counters: Counters | null = null;
  let jitterMs = 0;
  let remoteJitterMs: number | null = null;
  let remoteRtt: number | null = null;
  let pairRtt: number | null = null;
  let sentLevel: number | null = null;
  for (const s of stats) {
    if (s.type === 'inbound-rtp' && isAudio(s)) {
      counters = { packetsReceived: num(s.packetsReceived) ?? 0, packetsLost: num(s.packetsLost) ?? 0 };
      jitterMs = (num(s.jitter) ?? 0) * 1000;
    } else if (s.type === 'remote-inbound-rtp' && isAudio(s)) {
      remoteRtt = num(s.roundTripTime);
      remoteJitterMs = ms(num(s.jitter));
    } else if (s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded') {
      pairRtt = num(s.currentRoundTripTime);
    } else if (s.type === 'media-source' && isAudio(s)) {
      const level = num(s.audioLevel);
      if (level !== null) sentLevel = Math.max(sentLevel ?? 0, level);
    }
  }
  return { counters, jitterMs, remoteJitterMs, rttMs: ms(remoteRtt ?? pairRtt), sentLevel };
}

/** The sample between two readings (packetsLost may fall when late packets arrive: never below 0). */
export function sampleBetween(at: number, previous: Counters | null, reading: StatsReading): QualitySample | null {
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

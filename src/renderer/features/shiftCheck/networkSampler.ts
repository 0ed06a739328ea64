/**
 * The network and microphone figures of the check call from its getStats readings (decision 0043):
 * round trip (remote-inbound-rtp, else the nominated ICE pair), jitter (in each reading the worse of
 * what the agent receives and what rtpengine reports receiving), loss over the whole check, and the loudest level the
 * microphone sent (media-source). Pure over the stats entries, so it is unit-tested.
 */
import type { NetworkFigures } from '../../../shared/shiftCheck/shiftCheck.js';
import { readStats } from '../callQuality/statsSample.js';

const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export class NetworkSampler {
  private rtt: number[] = [];
  private jitter: number[] = [];
  private received = 0;
  private lost = 0;
  private sentLevel: number | null = null;
  private readings = 0;

  /** One getStats reading (counters are cumulative: the last reading's are kept). */
  add(stats: Iterable<Record<string, unknown>>): void {
    const reading = readStats(stats);
    if (reading.counters) {
      this.received = reading.counters.packetsReceived;
      this.lost = Math.max(0, reading.counters.packetsLost);
    }
    const jitter = max(reading.counters ? reading.jitterMs : null, reading.remoteJitterMs);
    if (reading.rttMs !== null) this.rtt.push(reading.rttMs);
    if (jitter !== null) this.jitter.push(jitter);
    this.sentLevel = max(this.sentLevel, reading.sentLevel);
    this.readings += 1;
  }

  get count(): number {
    return this.readings;
  }

  /**
   * The figures so far. Round trip and jitter are the median readings: one slow STUN answer is not the
   * line, and jitter jumps where the hub switches from a prompt to the tone to the playback.
   */
  figures(): NetworkFigures {
    const total = this.received + this.lost;
    const rtt = median(this.rtt);
    const jitter = median(this.jitter);
    return {
      rttMs: rtt === null ? null : Math.round(rtt),
      jitterMs: jitter === null ? null : Math.round(jitter * 10) / 10,
      lossPercent: total === 0 ? null : Math.round((this.lost / total) * 1000) / 10,
      sentLevel: this.sentLevel,
    };
  }
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

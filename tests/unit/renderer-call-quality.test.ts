import { describe, expect, it } from 'vitest';
import { readStats, sampleBetween } from '../../src/renderer/features/callQuality/statsSample.js';
import { qualityTracker, takeCallQuality } from '../../src/renderer/features/callQuality/callQualityLedger.js';

/** getStats entries as Chromium reports them for an audio call (trimmed to what is read). */
const stats = (received: number, lost: number, extra: Record<string, unknown>[] = []) => [
  { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, jitter: 0.012 },
  { type: 'outbound-rtp', kind: 'audio', packetsSent: 500 },
  { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.004 },
  ...extra,
];

describe('quality samples from WebRTC statistics', () => {
  it('reads jitter in ms, and the round trip from remote-inbound-rtp before the candidate pair', () => {
    expect(readStats(stats(100, 2))).toEqual({
      counters: { packetsReceived: 100, packetsLost: 2 },
      jitterMs: 12,
      remoteJitterMs: null,
      rttMs: 4,
      sentLevel: null,
    });
    const withRemote = readStats(stats(100, 2, [{ type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.05 }]));
    expect(withRemote.rttMs).toBe(50);
    expect(readStats([{ type: 'outbound-rtp', kind: 'audio' }])).toEqual({
      counters: null,
      jitterMs: 0,
      remoteJitterMs: null,
      rttMs: null,
      sentLevel: null,
    });
  });

  it('a sample is the difference of the counters since the previous reading, never negative', () => {
    const first = readStats(stats(100, 0));
    expect(sampleBetween(1, null, first)).toMatchObject({ packetsReceived: 100, packetsLost: 0 });
    // 75 received and 25 lost in the next interval: the tracker sees 25 % loss.
    const second = readStats(stats(175, 25));
    expect(sampleBetween(2, first.counters, second)).toMatchObject({ packetsReceived: 75, packetsLost: 25 });
    // Late packets lower packetsLost: counted as no loss, not as negative loss.
    expect(sampleBetween(3, second.counters, readStats(stats(275, 20)))).toMatchObject({ packetsLost: 0 });
  });

  it('the ledger hands the call summary over once, and nothing for a call never sampled', () => {
    const tracker = qualityTracker('call-1');
    tracker.add({ at: 1, jitterMs: 0, rttMs: 0, packetsReceived: 100, packetsLost: 0 });
    expect(takeCallQuality('call-1')).toMatchObject({ samples: 1, mosAvg: 4.4, poor: false });
    expect(takeCallQuality('call-1')).toBeNull();
    expect(takeCallQuality('never')).toBeNull();
  });
});

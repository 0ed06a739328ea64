import { describe, expect, it } from 'vitest';
import { estimateMos, lossPercent, mosFromR, rFactor } from '../../src/shared/callQuality/mos.js';
import { isPoor, QualityTracker, type QualitySample } from '../../src/shared/callQuality/callQuality.js';

/**
 * MOS by the simplified E-model (src/shared/callQuality/mos.ts), each value worked out by hand:
 * d = RTT/2 + 2·jitter + 10; Id = 0.024d (+0.11(d−177.3) above 177.3); Ie = 95·P/(P+25.1); R = 93.2 − Id − Ie.
 */
describe('MOS estimate (G.107 E-model, G.711)', () => {
  it('a perfect line: d = 10, Id = 0.24, R = 92.96, MOS 4.4046', () => {
    expect(rFactor({ jitterMs: 0, lossPercent: 0, rttMs: 0 })).toBeCloseTo(92.96, 6);
    expect(estimateMos({ jitterMs: 0, lossPercent: 0, rttMs: null })).toBeCloseTo(4.4046, 4);
  });

  it('jitter 20 ms, RTT 100 ms: d = 50 + 40 + 10 = 100, R = 90.8, MOS 4.3581', () => {
    expect(rFactor({ jitterMs: 20, lossPercent: 0, rttMs: 100 })).toBeCloseTo(90.8, 6);
    expect(estimateMos({ jitterMs: 20, lossPercent: 0, rttMs: 100 })).toBeCloseTo(4.3581, 4);
  });

  it('25 % loss: Ie = 95·25/50.1 = 47.405, R = 45.555, MOS 2.3436', () => {
    expect(rFactor({ jitterMs: 0, lossPercent: 25, rttMs: 0 })).toBeCloseTo(45.5548, 4);
    expect(estimateMos({ jitterMs: 0, lossPercent: 25, rttMs: 0 })).toBeCloseTo(2.3436, 4);
  });

  it('RTT 400 ms crosses 177.3 ms one way: d = 210, Id = 5.04 + 3.597, R = 84.563, MOS 4.1842', () => {
    expect(rFactor({ jitterMs: 0, lossPercent: 0, rttMs: 400 })).toBeCloseTo(84.563, 6);
    expect(estimateMos({ jitterMs: 0, lossPercent: 0, rttMs: 400 })).toBeCloseTo(4.1842, 4);
  });

  it('heavy jitter alone: jitter 120, RTT 200: d = 350, R = 65.803, MOS 3.3945', () => {
    expect(estimateMos({ jitterMs: 120, lossPercent: 0, rttMs: 200 })).toBeCloseTo(3.3945, 4);
  });

  it('MOS is clamped to 1..4.5 and bad figures are refused by name', () => {
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
    expect(() => estimateMos({ jitterMs: -1, lossPercent: 0, rttMs: 0 })).toThrow(/jitter/);
    expect(() => estimateMos({ jitterMs: 0, lossPercent: 101, rttMs: 0 })).toThrow(/loss/);
    expect(() => estimateMos({ jitterMs: 0, lossPercent: 0, rttMs: Number.NaN })).toThrow(/round trip/);
  });

  it('loss is lost / (lost + received)', () => {
    expect(lossPercent(25, 75)).toBe(25);
    expect(lossPercent(0, 0)).toBe(0);
  });
});

const clean = (at: number): QualitySample => ({ at, jitterMs: 0, rttMs: 0, packetsReceived: 100, packetsLost: 0 });
const lossy = (at: number): QualitySample => ({ at, jitterMs: 0, rttMs: 0, packetsReceived: 92, packetsLost: 8 });

describe('the "connection poor" rule', () => {
  it('raises at > 3 % loss over the last three samples and clears only at ≤ 1.5 % (hysteresis)', () => {
    const tracker = new QualityTracker();
    const poorAfter = (s: QualitySample) => tracker.add(s).poor;
    expect(poorAfter(clean(1))).toBe(false);
    expect(poorAfter(clean(2))).toBe(false);
    // [clean, clean, lossy]: 8/300 = 2.67 %, MOS 4.16: one bad interval is not enough.
    expect(poorAfter(lossy(3))).toBe(false);
    // [clean, lossy, lossy]: 16/300 = 5.33 % > 3 %: poor.
    expect(poorAfter(lossy(4))).toBe(true);
    // [lossy, lossy, clean] 5.33 %, then [lossy, clean, clean] 2.67 %: below 3 % but above 1.5 %, still poor.
    expect(poorAfter(clean(5))).toBe(true);
    expect(poorAfter(clean(6))).toBe(true);
    // [clean, clean, clean]: 0 %: clears.
    expect(poorAfter(clean(7))).toBe(false);
  });

  it('raises on MOS < 3.6 without loss (jitter 120 ms, RTT 200 ms: MOS 3.39)', () => {
    expect(isPoor({ mos: 3.39, lossPercent: 0, jitterMs: 120, rttMs: 200 }, false)).toBe(true);
    expect(isPoor({ mos: 3.7, lossPercent: 0, jitterMs: 0, rttMs: 0 }, false)).toBe(false);
    expect(isPoor({ mos: 3.7, lossPercent: 0, jitterMs: 0, rttMs: 0 }, true)).toBe(true);
    expect(isPoor(null, true)).toBe(true);
  });

  it('sums a call up: samples, average and worst MOS, loss over all packets', () => {
    const tracker = new QualityTracker();
    tracker.add(clean(1));
    tracker.add({ at: 2, jitterMs: 0, rttMs: 0, packetsReceived: 75, packetsLost: 25 });
    tracker.add({ at: 3, jitterMs: 0, rttMs: 0, packetsReceived: 0, packetsLost: 0 }); // no media: skipped
    const summary = tracker.summary();
    expect(summary).toEqual({
      samples: 2,
      // (4.4046 + 2.3436) / 2 = 3.3741
      mosAvg: 3.37,
      mosWorst: 2.34,
      packets: 200,
      lost: 25,
      lossPercent: 12.5,
      jitterMs: 0,
      rttMs: 0,
      poor: true,
    });
    expect(new QualityTracker().summary()).toBeNull();
  });
});

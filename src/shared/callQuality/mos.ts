/**
 * MOS estimated from network figures: a simplified ITU-T G.107 E-model for G.711 (Cole & Rosenbluth,
 * "Voice over IP performance monitoring", 2001; loss per G.113 Appendix I). Pure, so both the app
 * (WebRTC getStats) and the hub (rtpengine) rate a call the same way.
 *
 *   d      = RTT/2 + 2·jitter + 10 ms                    (one-way delay: network, jitter buffer, codec)
 *   Id     = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)     (delay impairment; H = step function)
 *   Ie-eff = Ie + (95 − Ie) · Ppl / (Ppl + Bpl)           (loss impairment, random loss: BurstR = 1;
 *                                                          G.711 with packet-loss concealment: Ie = 0, Bpl = 25.1)
 *   R      = 93.2 − Id − Ie-eff                           (default Ro − Is − A of G.107)
 *   MOS    = 1 + 0.035·R + 7·10⁻⁶·R·(R − 60)·(100 − R)    (1 below R = 0, 4.5 above R = 100)
 */

/** G.711 with packet-loss concealment (WebRTC's NetEq, rtpengine's pass-through): G.113 App. I. */
export const G711 = { ie: 0, bpl: 25.1 } as const;
const R_DEFAULT = 93.2;
const CODEC_DELAY_MS = 10;

export interface NetworkFigures {
  /** Interarrival jitter, ms. */
  jitterMs: number;
  /** Packets lost / packets expected, 0..100. */
  lossPercent: number;
  /** Round trip, ms; null when not known (no RTCP yet): counted as 0. */
  rttMs: number | null;
}

function check(name: string, value: number, max: number): void {
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be a number from 0 to ${max}, got ${value}`);
  }
}

/** Delay impairment Id of a one-way delay in ms. */
export function delayImpairment(oneWayMs: number): number {
  return 0.024 * oneWayMs + (oneWayMs > 177.3 ? 0.11 * (oneWayMs - 177.3) : 0);
}

/** Effective equipment impairment Ie-eff of random packet loss in percent. */
export function lossImpairment(lossPercent: number, codec: { ie: number; bpl: number } = G711): number {
  return codec.ie + ((95 - codec.ie) * lossPercent) / (lossPercent + codec.bpl);
}

/** The transmission rating R of the figures. */
export function rFactor(figures: NetworkFigures): number {
  check('jitter', figures.jitterMs, 60_000);
  check('loss', figures.lossPercent, 100);
  if (figures.rttMs !== null) check('round trip', figures.rttMs, 60_000);
  const oneWay = (figures.rttMs ?? 0) / 2 + 2 * figures.jitterMs + CODEC_DELAY_MS;
  return R_DEFAULT - delayImpairment(oneWay) - lossImpairment(figures.lossPercent);
}

/** MOS (1..4.5) from R (G.107 Annex B). */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
}

export function estimateMos(figures: NetworkFigures): number {
  return mosFromR(rFactor(figures));
}

/** Lost share in percent of what was expected (lost + received); 0 when nothing was expected. */
export function lossPercent(lost: number, received: number): number {
  const expected = Math.max(0, lost) + Math.max(0, received);
  return expected === 0 ? 0 : (100 * Math.max(0, lost)) / expected;
}

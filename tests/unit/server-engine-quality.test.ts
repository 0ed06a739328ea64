import { describe, expect, it } from 'vitest';
import { EngineCallFigures, readLegs } from '../../src/server/callQuality/engineLegs.js';

/** A query reply as rtpengine 10.5 gives it here (trimmed): no RTCP from the caller, so no SSRC stats. */
const reply = (callerPackets: number, agentPackets: number, ssrc: Record<string, unknown> = {}) => ({
  result: 'ok',
  SSRC: ssrc,
  tags: {
    caller: {
      tag: 'caller',
      medias: [
        {
          type: 'audio',
          codec: 'PCMU/8000',
          streams: [
            { flags: ['RTP', 'filled'], SSRC: 4660, stats: { packets: callerPackets, bytes: 0, errors: 0 } },
            { flags: ['RTCP', 'filled'], stats: { packets: 0, bytes: 0, errors: 0 } },
          ],
        },
      ],
    },
    agent: {
      tag: 'agent',
      medias: [
        {
          type: 'audio',
          codec: 'PCMU/8000',
          streams: [{ flags: ['RTP'], SSRC: 22136, stats: { packets: agentPackets } }],
        },
      ],
    },
  },
});

describe("rtpengine's view of a call", () => {
  it('reads packets per leg, and MOS × 10, jitter and loss when rtpengine rates a stream', () => {
    const rated = { '22136': { 'average MOS': { MOS: 43, jitter: 3, 'packet loss': 1, 'round-trip time': 20000 } } };
    expect(readLegs(reply(75, 100, rated))).toEqual([
      { tag: 'caller', packets: 75, constantRate: true, mos: null, jitterMs: null, lossPercent: null },
      { tag: 'agent', packets: 100, constantRate: true, mos: 4.3, jitterMs: 3, lossPercent: 1 },
    ]);
    expect(readLegs({ tags: 'garbage' })).toEqual([]);
  });

  it('estimates G.711 loss from the packet rate between polls and skips polls where a leg sent nothing', () => {
    const figures = new EngineCallFigures();
    figures.add(0, reply(10, 10));
    // 3 s = 150 packets expected; the caller's leg got 113 (37 lost), the agent's all 150.
    figures.add(3000, reply(123, 160));
    // On hold: nothing from the caller for 3 s — not counted as loss.
    figures.add(6000, reply(123, 310));
    // 3 s more, 150 expected, 150 received.
    figures.add(9000, reply(273, 460));
    expect(figures.summary('caller')).toEqual({
      samples: 4,
      mosAvg: null,
      mosWorst: null,
      packets: 300,
      lost: 37,
      // 37 / 300 = 12.33 %
      lossPercent: 12.33,
      jitterMs: 0,
      rttMs: null,
      poor: true,
    });
    expect(figures.legsOf()).toEqual([
      { tag: 'caller', packets: 273, lost: 37, jitterMs: null, mos: null },
      { tag: 'agent', packets: 460, lost: 0, jitterMs: null, mos: null },
    ]);
    expect(figures.summary('nobody')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { NetworkSampler } from '../../src/renderer/features/shiftCheck/networkSampler.js';
import { beepSamples, measureLevel } from '../../src/server/shiftCheck/audioLevel.js';
import { CheckResults } from '../../src/server/shiftCheck/checkResults.js';
import {
  checkAddress,
  CheckToken,
  micVerdict,
  networkVerdict,
  parseCheckAddress,
} from '../../src/shared/shiftCheck/shiftCheck.js';

describe('the check address', () => {
  it('carries the language and the token, and nothing else is a check', () => {
    const token = 'ab12cd34ef56ab12cd34';
    expect(checkAddress('ru', token)).toBe(`okno-check-ru-${token}`);
    expect(parseCheckAddress(`okno-check-ru-${token}`)).toEqual({ language: 'ru', token });
    expect(parseCheckAddress('okno-check')).toEqual({ language: 'en', token: null });
    for (const other of ['8800', 'okno-check-de-ab12cd34ef56ab12cd34', 'okno-check-en-short', 'xokno-check'])
      expect(parseCheckAddress(other)).toBeNull();
    expect(CheckToken.safeParse('UPPER-CASE-NOT-A-TOKEN').success).toBe(false);
  });
});

describe('the recorded level', () => {
  it('is the loudest tenth of 20 ms frames: a 0.3 sine is -13.5 dBFS, its peak -10.5', () => {
    const samples = new Int16Array(8000).map((_, i) =>
      Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * 400 * i) / 8000)),
    );
    const level = measureLevel(samples);
    expect(level.activeDbfs).toBeCloseTo(-13.5, 0);
    expect(level.rmsDbfs).toBeCloseTo(-13.5, 0);
    expect(level.peakDbfs).toBeCloseTo(-10.5, 0);
    expect(micVerdict(level.activeDbfs)).toBe('heard');
  });

  it('hears a voice in mostly silence (speech has pauses), where the whole RMS would not', () => {
    // 0.3 s of tone in every 3 s: RMS over all is 10 dB lower, the loudest tenth is still the tone.
    const samples = new Int16Array(24_000).map((_, i) =>
      i % 24_000 < 2400 ? Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * 400 * i) / 8000)) : 0,
    );
    const level = measureLevel(samples);
    expect(level.rmsDbfs!).toBeLessThan(-23);
    expect(level.activeDbfs).toBeCloseTo(-13.5, 0);
  });

  it('says quiet and silent by the thresholds, and silent when nothing arrived', () => {
    expect(micVerdict(-50)).toBe('quiet');
    expect(micVerdict(-70)).toBe('silent');
    expect(micVerdict(null)).toBe('silent');
    expect(measureLevel(new Int16Array(800))).toEqual({ activeDbfs: -120, rmsDbfs: -120, peakDbfs: -120 });
    expect(measureLevel(new Int16Array(0)).activeDbfs).toBeNull();
  });

  it('makes a 300 ms beep without clicks', () => {
    const beep = beepSamples();
    expect(beep.length).toBe(2400);
    expect(Math.abs(beep[0]!)).toBe(0);
    expect(Math.abs(beep[beep.length - 1]!)).toBeLessThan(100);
  });
});

describe('the network figures', () => {
  const reading = (rtt: number, jitter: number, received: number, lost: number, level: number) => [
    { type: 'inbound-rtp', kind: 'audio', jitter, packetsReceived: received, packetsLost: lost },
    { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt },
    { type: 'media-source', kind: 'audio', audioLevel: level },
    { type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 9 },
  ];

  it('takes median round trip and jitter, loss over the whole check, the loudest level sent', () => {
    const sampler = new NetworkSampler();
    sampler.add(reading(0.02, 0.004, 50, 0, 0.1));
    sampler.add(reading(0.9, 0.2, 100, 1, 0.5)); // one spike
    sampler.add(reading(0.03, 0.005, 198, 2, 0.2));
    expect(sampler.figures()).toEqual({ rttMs: 30, jitterMs: 5, lossPercent: 1, sentLevel: 0.5 });
    expect(networkVerdict(sampler.figures())).toBe('good');
  });

  it('prefers rtpengine’s report of the round trip and calls a lossy line poor', () => {
    const sampler = new NetworkSampler();
    sampler.add([
      ...reading(0.02, 0.004, 90, 10, 0.1),
      { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.25, jitter: 0.001 },
    ]);
    expect(sampler.figures()).toMatchObject({ rttMs: 250, lossPercent: 10 });
    expect(networkVerdict(sampler.figures())).toBe('poor');
    expect(networkVerdict({ rttMs: 400, jitterMs: null, lossPercent: null, sentLevel: null })).toBe('poor');
    expect(networkVerdict(new NetworkSampler().figures())).toBe('unknown');
  });
});

describe('check results', () => {
  it('are kept by token for a while, then forgotten', () => {
    let now = 0;
    const results = new CheckResults(() => now);
    results.set('t1', { state: 'done', mic: 'heard' });
    results.set('t1', { playedBack: true });
    expect(results.get('t1')).toMatchObject({ state: 'done', mic: 'heard', playedBack: true, packets: 0 });
    now = 16 * 60_000;
    expect(results.get('t1')).toBeNull();
  });
});

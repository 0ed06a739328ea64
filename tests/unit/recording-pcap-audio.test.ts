/**
 * rtpengine's pcap to one WAV: a pcap built here byte by byte (raw IP, two parties, PCMU and PCMA, a lost
 * packet, a gap, RTCP and DTMF to skip) decoded and mixed on the capture timeline, and the WAV header.
 */
import { describe, expect, it } from 'vitest';
import { alawToLinear, linearToAlaw, linearToUlaw, ulawToLinear } from '../../src/server/recording/g711.js';
import {
  decodeRtpAudio,
  decodeWav,
  encodeWav,
  mixStreams,
  peaksOf,
  readPcapRtp,
  silenceWindows,
} from '../../src/server/recording/pcapAudio.js';

interface Sent {
  atMs: number;
  srcPort: number;
  pt: number;
  seq: number;
  ts: number;
  ssrc: number;
  payload: Uint8Array;
}

/** A classic little-endian µs pcap, link type 101 (raw IP), IPv4/UDP/RTP as rtpengine writes. */
function buildPcap(packets: Sent[], linkType = 101): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(linkType, 20);
  const records = packets.map((p) => {
    const rtp = Buffer.alloc(12 + p.payload.length);
    rtp[0] = 0x80;
    rtp[1] = p.pt;
    rtp.writeUInt16BE(p.seq & 0xffff, 2);
    rtp.writeUInt32BE(p.ts >>> 0, 4);
    rtp.writeUInt32BE(p.ssrc, 8);
    Buffer.from(p.payload).copy(rtp, 12);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(p.srcPort, 0);
    udp.writeUInt16BE(30000, 2);
    udp.writeUInt16BE(8 + rtp.length, 4);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + 8 + rtp.length, 2);
    ip[8] = 64;
    ip[9] = 17;
    Buffer.from([127, 0, 0, 1]).copy(ip, 12);
    Buffer.from([127, 0, 0, 1]).copy(ip, 16);
    const frame = Buffer.concat([linkType === 1 ? Buffer.alloc(14) : Buffer.alloc(0), ip, udp, rtp]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(p.atMs / 1000), 0);
    record.writeUInt32LE(Math.round((p.atMs % 1000) * 1000), 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}

const T0 = 1_796_000_000_000;

/** 20 ms packets of a constant level, encoded with the given payload type. */
function tone(level: number, pt: 0 | 8): Uint8Array {
  const byte = pt === 0 ? linearToUlaw(level) : linearToAlaw(level);
  return new Uint8Array(160).fill(byte);
}

describe('G.711', () => {
  it('round-trips within the codec step and keeps the sign', () => {
    for (const value of [0, 1000, -1000, 8000, -8000, 30000, -30000]) {
      expect(Math.abs(ulawToLinear(linearToUlaw(value)) - value)).toBeLessThanOrEqual(Math.abs(value) / 16 + 8);
      expect(Math.abs(alawToLinear(linearToAlaw(value)) - value)).toBeLessThanOrEqual(Math.abs(value) / 16 + 16);
    }
    expect(ulawToLinear(0xff)).toBe(0);
    expect(alawToLinear(0xd5)).toBe(8);
  });
});

describe('readPcapRtp / decodeRtpAudio', () => {
  // Caller (PCMU, level 4000) speaks for 1 s with packet 10 lost; the agent (PCMA, level -2000) speaks
  // from 0.5 s to 1.5 s, then a 1 s gap (a pause: nothing written), then again for 0.5 s.
  const sent: Sent[] = [];
  for (let i = 0; i < 50; i++)
    if (i !== 10)
      sent.push({
        atMs: T0 + i * 20 + (i % 3),
        srcPort: 40000,
        pt: 0,
        seq: 100 + i,
        ts: 5000 + i * 160,
        ssrc: 1,
        payload: tone(4000, 0),
      });
  for (let i = 0; i < 50; i++)
    sent.push({
      atMs: T0 + 500 + i * 20,
      srcPort: 40002,
      pt: 8,
      seq: 65530 + i,
      ts: 0xffffff00 + i * 160,
      ssrc: 2,
      payload: tone(-2000, 8),
    });
  for (let i = 0; i < 25; i++)
    sent.push({
      atMs: T0 + 2500 + i * 20,
      srcPort: 40002,
      pt: 8,
      seq: 80 + i,
      ts: 0xffffff00 + (100 + i) * 160,
      ssrc: 2,
      payload: tone(-2000, 8),
    });
  sent.push({ atMs: T0 + 300, srcPort: 40000, pt: 101, seq: 999, ts: 1, ssrc: 1, payload: new Uint8Array(4) });
  const pcap = buildPcap(sent.sort((a, b) => a.atMs - b.atMs));

  it('reads every RTP packet with its capture time, flow and payload', () => {
    const packets = readPcapRtp(pcap);
    expect(packets).toHaveLength(49 + 75 + 1);
    const first = packets[0]!;
    expect(first.atMs).toBeCloseTo(T0, 3);
    expect(first.flow).toBe('127.0.0.1:40000>127.0.0.1:30000');
    expect(first.payloadType).toBe(0);
    expect(first.payload).toHaveLength(160);
    expect(readPcapRtp(buildPcap(sent.slice(0, 3), 1))).toHaveLength(3); // Ethernet frames too
  });

  it('places both directions by time: a lost packet and a gap are silence, DTMF is left out', () => {
    const streams = decodeRtpAudio(readPcapRtp(pcap));
    expect(streams.map((s) => s.payloadType).sort()).toEqual([0, 8]);
    const mixed = mixStreams(streams);
    expect(mixed.length).toBe(3000 * 8); // origin = first packet, end = last packet's end
    const at = (ms: number): number => mixed[Math.round(ms * 8)]!;
    expect(Math.abs(at(100) - 4000)).toBeLessThan(300); // caller alone
    expect(at(210)).toBe(0); // caller's lost packet 10 (200-220 ms)
    expect(Math.abs(at(700) - 2000)).toBeLessThan(300); // both: 4000 - 2000
    expect(Math.abs(at(1200) + 2000)).toBeLessThan(300); // agent alone
    expect(at(2000)).toBe(0); // the gap
    expect(Math.abs(at(2700) + 2000)).toBeLessThan(300); // agent again
  });

  it('takes an explicit timeline and zeroes pause windows', () => {
    const streams = decodeRtpAudio(readPcapRtp(pcap), { originMs: T0 - 1000, endMs: T0 + 4000 });
    const mixed = mixStreams(streams);
    expect(mixed.length).toBe(5000 * 8);
    expect(mixed[500 * 8]).toBe(0);
    expect(mixed[1100 * 8]).not.toBe(0);
    silenceWindows(mixed, [{ atMs: 1000, lengthMs: 500 }]);
    expect(mixed.subarray(1000 * 8, 1500 * 8).every((s) => s === 0)).toBe(true);
    expect(mixed[1600 * 8]).not.toBe(0);
  });

  it('refuses what is not a pcap, naming why', () => {
    expect(() => readPcapRtp(Buffer.alloc(10))).toThrow(/shorter than the 24-byte header/);
    expect(() => readPcapRtp(Buffer.alloc(24))).toThrow(/unknown magic/);
    const truncated = pcap.subarray(0, pcap.length - 50);
    expect(readPcapRtp(truncated).length).toBe(49 + 75); // the cut last packet is dropped
  });
});

describe('WAV', () => {
  it('writes a 44-byte PCM header that reads back', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768]);
    const wav = encodeWav(samples);
    expect(wav.length).toBe(44 + 10);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + 10);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(28)).toBe(16000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(10);
    const back = decodeWav(wav);
    expect(back.sampleRate).toBe(8000);
    expect([...back.samples]).toEqual([...samples]);
    expect(() => decodeWav(Buffer.from('nope'))).toThrow(/not a RIFF/);
  });

  it('gives peaks per slice on 0-255', () => {
    const samples = new Int16Array(8000);
    samples.fill(16384, 4000);
    const peaks = peaksOf(samples, 10);
    expect(peaks).toHaveLength(10);
    expect(peaks.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(peaks[9]).toBe(128);
  });
});

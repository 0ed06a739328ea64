/**
 * From rtpengine's pcap recording to one playable file (issue 16). rtpengine (--recording-method=pcap)
 * writes the decrypted RTP it receives from each party as raw IP packets; these pure functions read
 * them, lay each party's audio on one timeline by capture time (gaps, lost packets and pauses become
 * silence), mix the parties and write an 8 kHz mono 16-bit WAV. No files, no clock: the recorder and
 * the shift check call them with bytes.
 */
import { alawToLinear, ulawToLinear } from './g711.js';

export const SAMPLE_RATE = 8000;
const SAMPLES_PER_MS = SAMPLE_RATE / 1000;
/** Past this drift between RTP time and capture time a stream is re-anchored on capture time. */
const MAX_DRIFT_MS = 120;

export interface RtpPacket {
  /** Capture time, ms since the epoch (rtpengine's clock). */
  atMs: number;
  /** "ip:port>ip:port": one direction of one party. */
  flow: string;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

/** Reads the RTP packets of a pcap (classic format, µs or ns, either byte order). */
export function readPcapRtp(pcap: Uint8Array): RtpPacket[] {
  if (pcap.length < 24) throw new Error(`pcap: ${pcap.length} bytes is shorter than the 24-byte header`);
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const magic = view.getUint32(0, true);
  const known: Record<number, [boolean, number]> = {
    0xa1b2c3d4: [true, 1000],
    0xd4c3b2a1: [false, 1000],
    0xa1b23c4d: [true, 1_000_000],
    0x4d3cb2a1: [false, 1_000_000],
  };
  const format = known[magic];
  if (!format) throw new Error(`pcap: unknown magic 0x${magic.toString(16)} (pcapng is not read)`);
  const [little, fracPerMs] = format;
  const linkType = view.getUint32(20, little) & 0xffff;
  const packets: RtpPacket[] = [];
  let offset = 24;
  while (offset + 16 <= pcap.length) {
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const captured = view.getUint32(offset + 8, little);
    const start = offset + 16;
    offset = start + captured;
    if (offset > pcap.length) break; // a file cut short while written: keep what is whole
    const ip = stripLinkLayer(pcap.subarray(start, offset), linkType);
    const packet = ip && parseIpUdpRtp(ip, seconds * 1000 + fraction / fracPerMs);
    if (packet) packets.push(packet);
  }
  return packets;
}

function stripLinkLayer(frame: Uint8Array, linkType: number): Uint8Array | null {
  switch (linkType) {
    case 101: // LINKTYPE_RAW
    case 228: // IPv4
    case 229: // IPv6
      return frame;
    case 1: // Ethernet
      return frame.length > 14 ? frame.subarray(14) : null;
    case 0: // BSD loopback
      return frame.length > 4 ? frame.subarray(4) : null;
    case 113: // Linux cooked capture
      return frame.length > 16 ? frame.subarray(16) : null;
    default:
      throw new Error(`pcap: link type ${linkType} is not read (raw IP or Ethernet expected)`);
  }
}

function parseIpUdpRtp(ip: Uint8Array, atMs: number): RtpPacket | null {
  const version = ip[0]! >> 4;
  let src: string, dst: string, udp: Uint8Array;
  if (version === 4) {
    const headerLength = (ip[0]! & 0x0f) * 4;
    if (ip[9] !== 17 || ip.length < headerLength + 8) return null;
    src = ip.subarray(12, 16).join('.');
    dst = ip.subarray(16, 20).join('.');
    udp = ip.subarray(headerLength);
  } else if (version === 6) {
    if (ip[6] !== 17 || ip.length < 48) return null;
    src = ipv6(ip.subarray(8, 24));
    dst = ipv6(ip.subarray(24, 40));
    udp = ip.subarray(40);
  } else return null;
  const srcPort = (udp[0]! << 8) | udp[1]!;
  const dstPort = (udp[2]! << 8) | udp[3]!;
  const rtp = udp.subarray(8);
  if (rtp.length < 12 || rtp[0]! >> 6 !== 2) return null;
  const payloadType = rtp[1]! & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) return null; // RTCP on the same port
  let header = 12 + 4 * (rtp[0]! & 0x0f);
  if (rtp[0]! & 0x10) {
    if (rtp.length < header + 4) return null;
    header += 4 + 4 * ((rtp[header + 2]! << 8) | rtp[header + 3]!);
  }
  let end = rtp.length;
  if (rtp[0]! & 0x20) end -= rtp[rtp.length - 1]!; // padding
  if (end < header) return null;
  const view = new DataView(rtp.buffer, rtp.byteOffset, rtp.byteLength);
  return {
    atMs,
    flow: `${src}:${srcPort}>${dst}:${dstPort}`,
    payloadType,
    sequence: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: rtp.slice(header, end),
  };
}

function ipv6(bytes: Uint8Array): string {
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `[${words.join(':')}]`;
}

export interface DecodedStream {
  /** The flow and SSRC it came from. */
  key: string;
  payloadType: number;
  packets: number;
  /** Samples on the common timeline (index 0 = originMs). */
  samples: Int16Array;
}

export interface Timeline {
  /** Capture time of sample 0; default: the first audio packet. */
  originMs?: number;
  /** Capture time of the end; default: the end of the last audio packet. */
  endMs?: number;
}

/**
 * Decodes every PCMU/PCMA stream onto one timeline. Inside a stream the RTP timestamp places each packet
 * (so capture jitter does not smear it, and a lost packet leaves silence of its length); the first
 * packet, a timestamp jump back or a drift past MAX_DRIFT_MS anchors it on capture time again.
 * Telephone events and other payloads are left out.
 */
export function decodeRtpAudio(packets: readonly RtpPacket[], timeline: Timeline = {}): DecodedStream[] {
  const audio = packets.filter((p) => p.payloadType === 0 || p.payloadType === 8);
  if (audio.length === 0) return [];
  const originMs = timeline.originMs ?? Math.min(...audio.map((p) => p.atMs));
  const endMs = timeline.endMs ?? Math.max(...audio.map((p) => p.atMs + p.payload.length / SAMPLES_PER_MS));
  const length = Math.max(0, Math.round((endMs - originMs) * SAMPLES_PER_MS));
  const byStream = new Map<string, RtpPacket[]>();
  for (const packet of audio) {
    const key = `${packet.flow}#${packet.ssrc.toString(16)}`;
    const list = byStream.get(key) ?? [];
    list.push(packet);
    byStream.set(key, list);
  }
  const streams: DecodedStream[] = [];
  for (const [key, list] of byStream) {
    list.sort((a, b) => a.atMs - b.atMs);
    const samples = new Int16Array(length);
    let anchorTimestamp = 0;
    let anchorPosition = 0;
    let anchored = false;
    for (const packet of list) {
      const capturePosition = Math.round((packet.atMs - originMs) * SAMPLES_PER_MS);
      const sinceAnchor = (packet.timestamp - anchorTimestamp) | 0; // 32-bit wrap-around
      let position = anchorPosition + sinceAnchor;
      if (!anchored || sinceAnchor < 0 || Math.abs(position - capturePosition) > MAX_DRIFT_MS * SAMPLES_PER_MS) {
        anchored = true;
        anchorTimestamp = packet.timestamp;
        anchorPosition = capturePosition;
        position = capturePosition;
      }
      const decode = packet.payloadType === 0 ? ulawToLinear : alawToLinear;
      for (let i = 0; i < packet.payload.length; i++) {
        const at = position + i;
        if (at >= 0 && at < length) samples[at] = decode(packet.payload[i]!);
      }
    }
    streams.push({ key, payloadType: list[0]!.payloadType, packets: list.length, samples });
  }
  return streams;
}

/** Sums the parties into one channel (clipped to 16 bits). */
export function mixStreams(streams: readonly DecodedStream[], length?: number): Int16Array {
  const total = length ?? Math.max(0, ...streams.map((s) => s.samples.length));
  const mixed = new Int16Array(total);
  for (let i = 0; i < total; i++) {
    let sum = 0;
    for (const stream of streams) sum += stream.samples[i] ?? 0;
    mixed[i] = Math.max(-32768, Math.min(32767, sum));
  }
  return mixed;
}

/** Zeroes the given windows (ms from sample 0): a pause is silence of exactly its length. */
export function silenceWindows(samples: Int16Array, windows: readonly { atMs: number; lengthMs: number }[]): void {
  for (const window of windows) {
    const from = Math.max(0, Math.round(window.atMs * SAMPLES_PER_MS));
    const to = Math.min(samples.length, Math.round((window.atMs + window.lengthMs) * SAMPLES_PER_MS));
    if (to > from) samples.fill(0, from, to);
  }
}

/** A 16-bit mono PCM WAV (RIFF, 44-byte header). */
export function encodeWav(samples: Int16Array, sampleRate = SAMPLE_RATE): Buffer {
  const dataBytes = samples.length * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) wav.writeInt16LE(samples[i]!, 44 + i * 2);
  return wav;
}

/** Reads back a 16-bit mono PCM WAV (the recorder's own, or a prompt). */
export function decodeWav(wav: Uint8Array): { sampleRate: number; samples: Int16Array } {
  const buffer = Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength);
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('wav: not a RIFF/WAVE file');
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = buffer.readUInt16LE(body);
      const channels = buffer.readUInt16LE(body + 2);
      const bits = buffer.readUInt16LE(body + 14);
      if (format !== 1 || channels !== 1 || bits !== 16)
        throw new Error(`wav: format ${format}, ${channels} channel(s), ${bits} bits; 16-bit mono PCM expected`);
      sampleRate = buffer.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (!sampleRate) throw new Error('wav: data before fmt');
      const bytes = Math.min(size, buffer.length - body) & ~1;
      const samples = new Int16Array(bytes / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(body + i * 2);
      return { sampleRate, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new Error('wav: no data chunk');
}

/** The waveform: the peak of each of `count` slices, scaled to 0–255. */
export function peaksOf(samples: Int16Array, count = 300): number[] {
  if (samples.length === 0) return [];
  const slices = Math.min(count, samples.length);
  const peaks: number[] = [];
  for (let s = 0; s < slices; s++) {
    const from = Math.floor((s * samples.length) / slices);
    const to = Math.floor(((s + 1) * samples.length) / slices);
    let peak = 0;
    for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(samples[i]!));
    peaks.push(Math.min(255, Math.round((peak / 32768) * 255)));
  }
  return peaks;
}

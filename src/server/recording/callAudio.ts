/**
 * One call's audio from what rtpengine wrote (decision 0037): its pcaps under `<recordingDir>/pcaps`
 * are named `<URI-escaped Call-ID>-<16 hex>.pcap`, with a metadata file of the same name (`.txt`)
 * under `metadata/`; all of a call's files are read, however many there are. They are read once they
 * stop growing, mixed on the recording's own timeline (the hub's wall clock at start and end, which is
 * rtpengine's capture clock), the pauses zeroed, and removed when the audio is kept.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingPause } from '../../shared/recording/recording.js';
import {
  decodeRtpAudio,
  encodeWav,
  mixStreams,
  peaksOf,
  readPcapRtp,
  SAMPLE_RATE,
  silenceWindows,
} from './pcapAudio.js';

export interface CallAudio {
  wav: Buffer;
  durationMs: number;
  peaks: number[];
  /** RTP packets of audio found (0: nothing was captured). */
  packets: number;
}

/** The Call-ID a file of rtpengine's is for: its name is the URI-escaped Call-ID, "-", 16 hex digits. */
export function callIdOfFile(name: string): string | null {
  const match = /^(.+)-[0-9a-f]{16}\.(pcap|txt)$/.exec(name);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The pcap files rtpengine wrote for this Call-ID. */
export async function pcapsOf(recordingDir: string, callId: string): Promise<string[]> {
  const dir = path.join(recordingDir, 'pcaps');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.pcap') && callIdOfFile(name) === callId)
    .sort()
    .map((name) => path.join(dir, name));
}

/** Waits until the call's pcaps exist and keep their size for `quietMs` (rtpengine flushes on stop). */
export async function settledPcaps(
  recordingDir: string,
  callId: string,
  options: { quietMs?: number; timeoutMs?: number } = {},
): Promise<string[]> {
  const quietMs = options.quietMs ?? 300;
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  let last = '';
  let since = Date.now();
  for (;;) {
    const files = await pcapsOf(recordingDir, callId);
    const sizes = await Promise.all(
      files.map((file) =>
        stat(file).then(
          (s) => s.size,
          () => -1,
        ),
      ),
    );
    const now = Date.now();
    const signature = files.map((file, i) => `${file}:${sizes[i]}`).join('|');
    if (signature !== last) {
      last = signature;
      since = now;
    } else if (files.length > 0 && now - since >= quietMs) return files;
    if (now >= deadline) return files;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deletes the call's pcaps and metadata files. */
export async function removeCallFiles(recordingDir: string, callId: string): Promise<void> {
  for (const sub of ['pcaps', 'metadata']) {
    const dir = path.join(recordingDir, sub);
    const names = await readdir(dir).catch(() => [] as string[]);
    const ours = names.filter((name) => callIdOfFile(name) === callId);
    await Promise.all(ours.map((name) => rm(path.join(dir, name), { force: true })));
  }
}

/**
 * The mixed WAV of the window [startWallMs, endWallMs] from these pcaps; `pauses` (ms from the start)
 * are silence of exactly their length whatever the pcaps hold there.
 */
export async function mixCallAudio(
  files: readonly string[],
  window: { startWallMs: number; endWallMs: number },
  pauses: readonly RecordingPause[],
): Promise<CallAudio> {
  const packets = (await Promise.all(files.map((file) => readFile(file)))).flatMap((bytes) => readPcapRtp(bytes));
  const streams = decodeRtpAudio(packets, { originMs: window.startWallMs, endMs: window.endWallMs });
  const length = Math.max(0, Math.round(((window.endWallMs - window.startWallMs) * SAMPLE_RATE) / 1000));
  const samples = mixStreams(streams, length);
  silenceWindows(samples, pauses);
  return {
    wav: encodeWav(samples),
    durationMs: Math.round((samples.length * 1000) / SAMPLE_RATE),
    peaks: peaksOf(samples, 300),
    packets: streams.reduce((sum, stream) => sum + stream.packets, 0),
  };
}

/**
 * What rtpengine recorded of a check call: its pcap (`<recording dir>/pcaps/q-<Call-ID>-….pcap`, the
 * decrypted RTP it received from the agent) turned into samples with the recorder's pcapAudio, and
 * every file rtpengine wrote for the call removed afterwards (the agent's voice is not kept).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeRtpAudio, mixStreams, readPcapRtp } from '../recording/pcapAudio.js';

export interface RecordedVoice {
  samples: Int16Array;
  packets: number;
}

async function filesOf(recordingDir: string, mediaCallId: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ['pcaps', 'metadata', '.']) {
    const dir = path.join(recordingDir, folder);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (name.startsWith(`${mediaCallId}-`)) found.push(path.join(dir, name));
  }
  return found;
}

/** The pcap's audio (all of the agent's streams mixed); null when rtpengine wrote no pcap for the call. */
export async function readRecordedVoice(recordingDir: string, mediaCallId: string): Promise<RecordedVoice | null> {
  const pcaps = (await filesOf(recordingDir, mediaCallId)).filter((file) => file.endsWith('.pcap'));
  if (pcaps.length === 0) return null;
  const packets = (await Promise.all(pcaps.map((file) => readFile(file)))).flatMap((bytes) => readPcapRtp(bytes));
  const streams = decodeRtpAudio(packets);
  return {
    samples: mixStreams(streams),
    packets: streams.reduce((sum, stream) => sum + stream.packets, 0),
  };
}

export async function removeRecording(recordingDir: string, mediaCallId: string): Promise<void> {
  const files = await filesOf(recordingDir, mediaCallId);
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

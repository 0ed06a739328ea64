/**
 * Turns an ended call's pcaps into its stored recording (decision 0037): mixed WAV, content-addressed
 * file, waveform; the pcaps go once the audio is kept. Nothing captured, or a failed write, leaves the
 * row `failed` (with the reason logged) rather than a file that does not play.
 */
import type { Logger } from '../../shared/log.js';
import type { RecordingsRepo } from '../storage/recordingsRepo.js';
import type { AudioStore } from './audioStore.js';
import { mixCallAudio, removeCallFiles, settledPcaps } from './callAudio.js';
import type { FinishedCall } from './liveRecorder.js';

export interface FinishDeps {
  repo: RecordingsRepo;
  audio: AudioStore;
  recordingDir: string | null;
  log: Logger;
  /** A write failed (the disk is full, or worse). */
  writeFailed: (error: unknown) => void;
  /** Whether there is room to keep the file. */
  canStore: () => boolean;
}

export async function finishRecording(deps: FinishDeps, call: FinishedCall): Promise<void> {
  const { repo, log } = deps;
  const fail = (reason: string, fields: Record<string, unknown> = {}) => {
    log.error('a recording could not be made', { recordingId: call.row.id, reason, ...fields });
    repo.save({ ...call.row, state: 'failed' });
  };
  if (!deps.recordingDir) return fail("rtpengine's recording folder is not configured");
  const files = await settledPcaps(deps.recordingDir, call.row.callId);
  if (files.length === 0) return fail('rtpengine wrote no pcap for the call', { callId: call.row.callId });
  try {
    const made = await mixCallAudio(files, call, call.row.pauses);
    if (made.packets === 0) return fail('the pcaps hold no PCMU/PCMA audio', { files: files.length });
    if (!deps.canStore()) return fail('no room for recordings');
    let stored: { sha256: string; bytes: number };
    try {
      stored = await deps.audio.put(made.wav);
    } catch (error) {
      deps.writeFailed(error);
      return fail('the file could not be written', { error: String(error) });
    }
    repo.save({
      ...call.row,
      state: 'ready',
      durationMs: made.durationMs,
      bytes: stored.bytes,
      sha256: stored.sha256,
      peaks: made.peaks,
    });
  } finally {
    await removeCallFiles(deps.recordingDir, call.row.callId).catch((error: unknown) =>
      log.warn('the pcaps of a recording were not removed', { callId: call.row.callId, error: String(error) }),
    );
  }
}

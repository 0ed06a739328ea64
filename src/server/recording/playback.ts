/**
 * Who may hear a recording, and the audit of every playback and download (decision 0037): leads and
 * admins any; agents the calls they answered, when the admins allow it; anyone else is refused with the
 * reason and the refusal is audited too. The first slice (offset 0) of a playback or download is the one
 * audited, so seeking does not flood the audit.
 */
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { AudioSlice, RecordingSettings } from '../../shared/recording/recording.js';
import type { HubStore } from '../storage/hubStore.js';
import type { StoredRecording } from '../storage/recordingsRepo.js';
import type { AudioStore } from './audioStore.js';

/** Null when `agent` may play `recording`, else why not. */
export function refusalOf(agent: Agent, recording: StoredRecording, settings: RecordingSettings): string | null {
  if (agent.role === 'lead' || agent.role === 'admin') return null;
  if (recording.agentId !== agent.id) return 'agents may play only the recordings of their own calls';
  if (!settings.agentsHearOwn) return 'agents may not play recordings (the admins have not allowed it)';
  return null;
}

export async function audioSlice(
  deps: { store: HubStore; audio: AudioStore; now: () => number },
  agent: Agent,
  recordingId: string,
  input: { offset: number; length: number; purpose: 'play' | 'download' },
): Promise<AudioSlice> {
  const { store } = deps;
  const recording = store.recordings.byId(recordingId);
  if (!recording) throw new OknoError('not_found', `recording ${recordingId} does not exist`);
  const customerId = store.threads.byId(recording.threadId)?.customerId ?? null;
  const audit = (action: string, detail: Record<string, string | number | boolean | null>) =>
    store.audit.record(
      { agentId: agent.id, action, customerId, threadId: recording.threadId, detail: { recordingId, ...detail } },
      deps.now(),
    );
  const refusal = refusalOf(agent, recording, store.recordings.settings());
  if (refusal) {
    audit('recording.refused', { purpose: input.purpose, reason: refusal });
    throw new OknoError('forbidden', refusal);
  }
  if (recording.state !== 'ready' || !recording.sha256)
    throw new OknoError('conflict', `recording ${recordingId} is ${recording.state}, not ready to play`);
  const slice = await deps.audio.slice(recording.sha256, input.offset, input.length).catch((error: unknown) => {
    throw new OknoError('not_found', `the audio of recording ${recordingId} is missing (${String(error)})`);
  });
  if (input.offset === 0)
    audit(input.purpose === 'play' ? 'recording.played' : 'recording.downloaded', { bytes: slice.total });
  return { total: slice.total, data: slice.data.toString('base64') };
}

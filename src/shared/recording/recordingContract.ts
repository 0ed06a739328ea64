/**
 * The app contract's part for call recordings (issue 16): requests the core forwards to the hub's
 * recordingApi. Nothing of it is cached: recordings are played from the hub.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { recordingApi } from '../hubApi/recordingApi.js';
import { AudioSliceInput, PauseInput } from './recording.js';

const api = recordingApi;
const ByThread = z.object({ threadId: Id });

export const recordingRequests = {
  /** The thread's recordings with their waveforms, and whether the caller may play them. */
  'recording.ofThread': { input: ByThread, output: api.ofThread.output },
  /** A slice of a recording's audio (base64); the first slice of a playback or download is audited. */
  'recording.audio': { input: AudioSliceInput.extend({ recordingId: Id }), output: api.audio.output },
  /** The recorder on the thread's live call. */
  'recording.live': { input: ByThread, output: api.live.output },
  'recording.start': { input: ByThread, output: api.start.output },
  /** Pauses for a reason (the button, the identification step, a sensitive template); reasons stack. */
  'recording.pause': { input: PauseInput.extend({ threadId: Id }), output: api.pause.output },
  'recording.resume': { input: PauseInput.extend({ threadId: Id }), output: api.resume.output },
  'recording.settings': { input: z.object({}), output: api.settings.output },
  'recording.saveSettings': { input: api.saveSettings.input, output: api.saveSettings.output },
  'recording.health': { input: z.object({}), output: api.health.output },
};

export const recordingEvents = {};

/** Recording requests through the contract; what they return stays in the components' own state. */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadThreadRecordings = createAppAsyncThunk('recording/ofThread', (threadId: string, api) =>
  invokeOrReject(api, 'recording.ofThread', { threadId }),
);

export const loadAudioSlice = createAppAsyncThunk('recording/audio', (arg: RequestInput<'recording.audio'>, api) =>
  invokeOrReject(api, 'recording.audio', arg),
);

export const loadLiveRecording = createAppAsyncThunk('recording/live', (threadId: string, api) =>
  invokeOrReject(api, 'recording.live', { threadId }),
);

export const startRecording = createAppAsyncThunk('recording/start', (threadId: string, api) =>
  invokeOrReject(api, 'recording.start', { threadId }),
);

export const pauseRecording = createAppAsyncThunk('recording/pause', (arg: RequestInput<'recording.pause'>, api) =>
  invokeOrReject(api, 'recording.pause', arg),
);

export const resumeRecording = createAppAsyncThunk('recording/resume', (arg: RequestInput<'recording.resume'>, api) =>
  invokeOrReject(api, 'recording.resume', arg),
);

export const loadRecordingSettings = createAppAsyncThunk('recording/settings', (_: void, api) =>
  invokeOrReject(api, 'recording.settings', {}),
);

export const saveRecordingSettings = createAppAsyncThunk(
  'recording/saveSettings',
  (arg: RequestInput<'recording.saveSettings'>, api) => invokeOrReject(api, 'recording.saveSettings', arg),
);

export const loadRecordingHealth = createAppAsyncThunk('recording/health', (_: void, api) =>
  invokeOrReject(api, 'recording.health', {}),
);

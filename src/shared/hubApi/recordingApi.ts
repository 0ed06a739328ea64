/**
 * The hub's API for call recordings (issue 16), read by the hub's routes and the core's client alike
 * (src/shared/hubApi/endpoint.ts). Who may play what is the hub's decision: a refused request is
 * audited as well as an allowed one.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import {
  AudioSlice,
  AudioSliceInput,
  LiveRecording,
  PauseInput,
  RecordingHealth,
  RecordingSettings,
  ThreadRecordings,
} from '../recording/recording.js';
import { ALL, endpoint, None } from './endpoint.js';

const ByThread = z.object({ threadId: Id });

export const recordingApi = {
  ofThread: endpoint({
    method: 'GET',
    path: '/api/v1/recordings/threads/:threadId',
    params: ByThread,
    input: None,
    output: ThreadRecordings,
    roles: ALL,
  }),
  audio: endpoint({
    method: 'GET',
    path: '/api/v1/recordings/:recordingId/audio',
    params: z.object({ recordingId: Id }),
    // A GET: the numbers arrive as query text.
    input: AudioSliceInput.extend({
      offset: z.coerce.number().pipe(AudioSliceInput.shape.offset),
      length: z.coerce.number().pipe(AudioSliceInput.shape.length),
    }),
    output: AudioSlice,
    roles: ALL,
  }),
  live: endpoint({
    method: 'GET',
    path: '/api/v1/recordings/live/:threadId',
    params: ByThread,
    input: None,
    output: LiveRecording,
    roles: ALL,
  }),
  /** On demand: the agent on the call starts recording it. */
  start: endpoint({
    method: 'POST',
    path: '/api/v1/recordings/live/:threadId/start',
    params: ByThread,
    input: None,
    output: LiveRecording,
    roles: ALL,
  }),
  pause: endpoint({
    method: 'POST',
    path: '/api/v1/recordings/live/:threadId/pause',
    params: ByThread,
    input: PauseInput,
    output: LiveRecording,
    roles: ALL,
  }),
  resume: endpoint({
    method: 'POST',
    path: '/api/v1/recordings/live/:threadId/resume',
    params: ByThread,
    input: PauseInput,
    output: LiveRecording,
    roles: ALL,
  }),
  settings: endpoint({
    method: 'GET',
    path: '/api/v1/recordings/settings',
    params: None,
    input: None,
    output: RecordingSettings,
    roles: ['lead', 'admin'],
  }),
  saveSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/recordings/settings',
    params: None,
    input: RecordingSettings,
    output: RecordingSettings,
    roles: ['admin'],
  }),
  health: endpoint({
    method: 'GET',
    path: '/api/v1/recordings/health',
    params: None,
    input: None,
    output: RecordingHealth,
    roles: ['lead', 'admin'],
  }),
};

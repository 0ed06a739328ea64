/**
 * The app contract's part for live monitoring of calls: listen, whisper, barge (issue 16, decision 0039).
 * Requests forwarded by the core to the hub's monitoringApi; the media itself runs between the
 * renderer's peer connections and rtpengine.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { monitoringApi } from '../hubApi/monitoringApi.js';
import { LegAnswerInput, SdpInput } from './monitoring.js';

const api = monitoringApi;
const BySession = z.object({ sessionId: Id });

export const monitoringRequests = {
  /** Answered calls of the queue (leads and admins). */
  'monitoring.liveCalls': { input: z.object({}), output: api.liveCalls.output },
  'monitoring.start': { input: api.start.input, output: api.start.output },
  'monitoring.answer': { input: BySession.extend(LegAnswerInput.shape), output: api.answer.output },
  'monitoring.voice': { input: BySession.extend(SdpInput.shape), output: api.voice.output },
  'monitoring.mode': { input: BySession.extend(api.mode.input.shape), output: api.mode.output },
  'monitoring.stop': { input: BySession, output: api.stop.output },
  /** The agent's side: a lead monitoring the current call. */
  'monitoring.mine': { input: z.object({}), output: api.mine.output },
  'monitoring.hear': { input: BySession, output: api.hear.output },
  'monitoring.hearAnswer': { input: BySession.extend(SdpInput.shape), output: api.hearAnswer.output },
};

export const monitoringEvents = {};

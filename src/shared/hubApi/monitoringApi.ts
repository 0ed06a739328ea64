/**
 * The hub's API for live monitoring (issue 16, decision 0039), read by the hub's routes and the core's
 * client alike (src/shared/hubApi/endpoint.ts). Starting is open to every role on purpose: the hub
 * refuses an agent itself, so that the refusal is audited (monitor.refused).
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import {
  Done,
  HearInput,
  LegAnswerInput,
  LiveCalls,
  MineOutput,
  ModeInput,
  MonitorSession,
  SdpInput,
  SdpOutput,
  StartMonitorInput,
} from '../monitoring/monitoring.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

const BySession = z.object({ sessionId: Id });

export const monitoringApi = {
  /** Answered calls of the queue, with who is monitoring each. */
  liveCalls: endpoint({
    method: 'GET',
    path: '/api/v1/monitoring/calls',
    params: None,
    input: None,
    output: LiveCalls,
    roles: LEADS,
  }),
  /** Starts listening (or whispering, or barging): rtpengine's offers for the caller's and the agent's voice. */
  start: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions',
    params: None,
    input: StartMonitorInput,
    output: MonitorSession,
    roles: ALL,
  }),
  /** The lead page's answer to one party's offer. */
  answer: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions/:sessionId/answer',
    params: BySession,
    input: LegAnswerInput,
    output: Done,
    roles: ALL,
  }),
  /** The lead's microphone (an offer to send) for whisper and barge; rtpengine's answer comes back. */
  voice: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions/:sessionId/voice',
    params: BySession,
    input: SdpInput,
    output: SdpOutput,
    roles: ALL,
  }),
  /** Listen, whisper or barge from now on (each change is audited). */
  mode: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions/:sessionId/mode',
    params: BySession,
    input: ModeInput,
    output: MonitorSession.omit({ legs: true }),
    roles: ALL,
  }),
  stop: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions/:sessionId/stop',
    params: BySession,
    input: None,
    output: Done,
    roles: ALL,
  }),
  /** The agent's side: a lead monitoring the agent's current call, if any. */
  mine: endpoint({
    method: 'GET',
    path: '/api/v1/monitoring/mine',
    params: None,
    input: None,
    output: MineOutput,
    roles: ALL,
  }),
  /** The agent's app asks to hear the lead (whisper, barge): rtpengine's offer of the lead's voice. */
  hear: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions/:sessionId/hear',
    params: BySession,
    input: HearInput,
    output: SdpOutput,
    roles: ALL,
  }),
  hearAnswer: endpoint({
    method: 'POST',
    path: '/api/v1/monitoring/sessions/:sessionId/hear/answer',
    params: BySession,
    input: SdpInput,
    output: Done,
    roles: ALL,
  }),
};

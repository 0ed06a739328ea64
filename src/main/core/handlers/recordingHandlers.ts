import type { ContractHandlers } from '../../../shared/contract.js';
import type { recordingRequests } from '../../../shared/recording/recordingContract.js';
import { createRecordingClient } from '../hubApi/recordingClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/**
 * The requests of call recordings (issue 16, decision 0037), forwarded to the hub: who may play what
 * is the hub's decision (and its audit), so nothing is cached and offline these fail with hub_unreachable.
 */
export function recordingHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof recordingRequests> {
  // Audio slices are up to 512 KiB: give them longer than a plain read.
  const hub = createRecordingClient({ link: () => deps.session.link(), timeoutMs: 30_000 });
  const none = {};
  return {
    'recording.ofThread': ({ threadId }) => hub.call('ofThread', { params: { threadId }, input: none }),
    'recording.audio': ({ recordingId, ...input }) => hub.call('audio', { params: { recordingId }, input }),
    'recording.live': ({ threadId }) => hub.call('live', { params: { threadId }, input: none }),
    'recording.start': ({ threadId }) => hub.call('start', { params: { threadId }, input: none }),
    'recording.pause': ({ threadId, reason }) => hub.call('pause', { params: { threadId }, input: { reason } }),
    'recording.resume': ({ threadId, reason }) => hub.call('resume', { params: { threadId }, input: { reason } }),
    'recording.settings': () => hub.call('settings', { params: none, input: none }),
    'recording.saveSettings': (input) => hub.call('saveSettings', { params: none, input }),
    'recording.health': () => hub.call('health', { params: none, input: none }),
  };
}

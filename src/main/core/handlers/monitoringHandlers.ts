import type { ContractHandlers } from '../../../shared/contract.js';
import type { monitoringRequests } from '../../../shared/monitoring/monitoringContract.js';
import { createMonitoringClient } from '../hubApi/monitoringClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of live monitoring (issue 16, decision 0039), forwarded to the hub. */
export function monitoringHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof monitoringRequests> {
  const hub = createMonitoringClient({ link: () => deps.session.link() });
  const none = {};
  return {
    'monitoring.liveCalls': () => hub.call('liveCalls', { params: none, input: none }),
    'monitoring.start': (input) => hub.call('start', { params: none, input }),
    'monitoring.answer': ({ sessionId, ...input }) => hub.call('answer', { params: { sessionId }, input }),
    'monitoring.voice': ({ sessionId, ...input }) => hub.call('voice', { params: { sessionId }, input }),
    'monitoring.mode': ({ sessionId, ...input }) => hub.call('mode', { params: { sessionId }, input }),
    'monitoring.stop': ({ sessionId }) => hub.call('stop', { params: { sessionId }, input: none }),
    'monitoring.mine': () => hub.call('mine', { params: none, input: none }),
    'monitoring.hear': ({ sessionId }) => hub.call('hear', { params: { sessionId }, input: { media: 'browser' } }),
    'monitoring.hearAnswer': ({ sessionId, ...input }) => hub.call('hearAnswer', { params: { sessionId }, input }),
  };
}

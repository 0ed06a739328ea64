import type { ContractHandlers } from '../../../shared/contract.js';
import type { topicsRequests } from '../../../shared/topics/topicsContract.js';
import { createTopicsClient } from '../hubApi/topicsClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of the topic tree and wrap-up, forwarded to the hub (it enforces roles and reach). */
export function topicsHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof topicsRequests> {
  const hub = createTopicsClient({ link: () => deps.session.link() });
  const none = {};
  return {
    'topics.tree': () => hub.call('tree', { params: none, input: none }),
    'topics.forThread': ({ threadId }) => hub.call('forThread', { params: { threadId }, input: none }),
    'topics.setForThread': ({ threadId, topicIds }) =>
      hub.call('setForThread', { params: { threadId }, input: { topicIds } }),
    'topics.save': (input) => hub.call('save', { params: none, input }),
    'topics.move': (input) => hub.call('move', { params: none, input }),
    'topics.retire': ({ topicId }) => hub.call('retire', { params: { topicId }, input: none }),
    'topics.restore': ({ topicId }) => hub.call('restore', { params: { topicId }, input: none }),
    'topics.changes': (input) => hub.call('changes', { params: none, input }),
  };
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { qaRequests } from '../../../shared/qa/qaContract.js';
import { createQaClient } from '../hubApi/qaClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of quality scoring (issue 16), forwarded to the hub (decision 0042). */
export function qaHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof qaRequests> {
  const hub = createQaClient({ link: () => deps.session.link() });
  const none = {};
  return {
    'qa.forms': () => hub.call('forms', { params: none, input: none }),
    'qa.saveForm': ({ formId, ...input }) =>
      formId ? hub.call('updateForm', { params: { formId }, input }) : hub.call('createForm', { params: none, input }),
    'qa.retireForm': ({ formId, retired }) => hub.call('retireForm', { params: { formId }, input: { retired } }),
    'qa.threadScores': ({ threadId }) => hub.call('threadScores', { params: { threadId }, input: none }),
    'qa.score': ({ threadId, ...input }) => hub.call('score', { params: { threadId }, input }),
    'qa.myScores': () => hub.call('myScores', { params: none, input: none }),
    'qa.report': (input) => hub.call('report', { params: none, input }),
  };
}

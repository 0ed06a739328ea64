import type { ContractHandlers } from '../../../shared/contract.js';
import type { identificationRequests } from '../../../shared/customers/identificationContract.js';
import { BANK_TIMEOUT_MAX_MS } from '../../../shared/hubApi/identificationApi.js';
import { createIdentificationClient } from '../hubApi/identificationClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/**
 * The identification requests of the customer desk, forwarded to the hub. Commercial data (full
 * documents, products) is returned to the renderer as it came and never written to the local cache.
 */
export function identificationHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof identificationRequests> {
  // Long enough for the slowest bank adapter the hub allows (BANK_TIMEOUT_MAX_MS) to be answered for.
  const hub = createIdentificationClient({ link: () => deps.session.link(), timeoutMs: BANK_TIMEOUT_MAX_MS + 5000 });
  const none = {};
  return {
    'identification.settings': () => hub.call('settings', { params: none, input: none }),
    'identification.saveSettings': (input) => hub.call('saveSettings', { params: none, input }),
    'identification.state': ({ threadId }) => hub.call('state', { params: { threadId }, input: none }),
    'identification.answer': ({ threadId, questionId, verdict, answer }) =>
      hub.call('answer', {
        params: { threadId },
        input: verdict !== undefined ? { questionId, verdict } : { questionId, answer: answer ?? '' },
      }),
    'identification.commercial': ({ threadId }) => hub.call('commercial', { params: { threadId }, input: none }),
    'identification.products': ({ threadId }) => hub.call('products', { params: { threadId }, input: none }),
    'bankAdapter.get': () => hub.call('bankAdapter', { params: none, input: none }),
    'bankAdapter.save': (input) => hub.call('saveBankAdapter', { params: none, input }),
    'audit.list': (input) => hub.call('audit', { params: none, input }),
    'audit.export': (input) => hub.call('exportAudit', { params: none, input }),
  };
}

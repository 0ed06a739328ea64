import type { ContractHandlers } from '../../../shared/contract.js';
import type { csatRequests } from '../../../shared/csat/csatContract.js';
import { createCsatClient } from '../hubApi/csatClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/**
 * The requests of ratings in every channel (issue 16, decision 0041), forwarded to the hub. The rating
 * address is asked with a short timeout: a caller must not wait on the hang-up for a slow hub.
 */
export function csatHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof csatRequests> {
  const hub = createCsatClient({ link: () => deps.session.link() });
  const quick = createCsatClient({ link: () => deps.session.link(), timeoutMs: 3_000 });
  const none = {};
  return {
    'csat.settings': () => hub.call('settings', { params: none, input: none }),
    'csat.saveSettings': (input) => hub.call('saveSettings', { params: none, input }),
    'csat.ratingAddress': (input) => quick.call('ratingAddress', { params: none, input }),
  };
}

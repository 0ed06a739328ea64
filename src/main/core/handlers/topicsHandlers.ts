import type { ContractHandlers } from '../../../shared/contract.js';
import type { topicsRequests } from '../../../shared/topics/topicsContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of the topic tree and wrap-up. */
export function topicsHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof topicsRequests> {
  void deps;
  return {};
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { csatRequests } from '../../../shared/csat/csatContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of ratings in every channel (issue 16). */
export function csatHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof csatRequests> {
  void deps;
  return {} as Pick<ContractHandlers, keyof typeof csatRequests>;
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { qaRequests } from '../../../shared/qa/qaContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of quality scoring (issue 16). */
export function qaHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof qaRequests> {
  void deps;
  return {} as Pick<ContractHandlers, keyof typeof qaRequests>;
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { monitoringRequests } from '../../../shared/monitoring/monitoringContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of live monitoring (issue 16). */
export function monitoringHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof monitoringRequests> {
  void deps;
  return {} as Pick<ContractHandlers, keyof typeof monitoringRequests>;
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { activitiesRequests } from '../../../shared/activities/activitiesContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of planned activities. */
export function activitiesHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof activitiesRequests> {
  void deps;
  return {};
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { topicStatsRequests } from '../../../shared/stats/topicStatsContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of stats by topic. */
export function topicStatsHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof topicStatsRequests> {
  void deps;
  return {};
}

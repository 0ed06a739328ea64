import type { ContractHandlers } from '../../../shared/contract.js';
import type { callQualityRequests } from '../../../shared/callQuality/callQualityContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of call quality (issue 16). */
export function callQualityHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof callQualityRequests> {
  void deps;
  return {} as Pick<ContractHandlers, keyof typeof callQualityRequests>;
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { registerRequests } from '../../../shared/register/registerContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of the complaints and requests register. */
export function registerHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof registerRequests> {
  void deps;
  return {};
}

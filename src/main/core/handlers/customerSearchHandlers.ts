import type { ContractHandlers } from '../../../shared/contract.js';
import type { customerSearchRequests } from '../../../shared/customers/customerSearchContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The search requests of the customer desk, mapped onto the core's services. */
export function customerSearchHandlers(
  _deps: HandlerDeps,
): Pick<ContractHandlers, keyof typeof customerSearchRequests> {
  return {};
}

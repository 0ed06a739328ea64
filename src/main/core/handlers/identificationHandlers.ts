import type { ContractHandlers } from '../../../shared/contract.js';
import type { identificationRequests } from '../../../shared/customers/identificationContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The identification requests of the customer desk, mapped onto the core's services. */
export function identificationHandlers(
  _deps: HandlerDeps,
): Pick<ContractHandlers, keyof typeof identificationRequests> {
  return {};
}

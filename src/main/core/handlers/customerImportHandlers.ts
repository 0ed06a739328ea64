import type { ContractHandlers } from '../../../shared/contract.js';
import type { customerImportRequests } from '../../../shared/customers/customerImportContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The import requests of the customer desk, mapped onto the core's services. */
export function customerImportHandlers(
  _deps: HandlerDeps,
): Pick<ContractHandlers, keyof typeof customerImportRequests> {
  return {};
}

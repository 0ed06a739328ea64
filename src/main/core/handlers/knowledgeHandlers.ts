import type { ContractHandlers } from '../../../shared/contract.js';
import type { knowledgeRequests } from '../../../shared/knowledge/knowledgeContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of the knowledge base. */
export function knowledgeHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof knowledgeRequests> {
  void deps;
  return {};
}

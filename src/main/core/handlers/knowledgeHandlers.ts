import type { ContractHandlers } from '../../../shared/contract.js';
import type { knowledgeRequests } from '../../../shared/knowledge/knowledgeContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of the knowledge base (decision 0034), answered by the core's knowledge service. */
export function knowledgeHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof knowledgeRequests> {
  const { knowledge } = deps;
  return {
    'knowledge.tree': () => knowledge.tree(),
    'knowledge.search': (input) => knowledge.search(input),
    'knowledge.suggest': (input) => knowledge.suggest(input),
    'knowledge.open': (input) => knowledge.open(input),
    'knowledge.versions': (input) => knowledge.versions(input),
    'knowledge.save': (input) => knowledge.save(input),
    'knowledge.move': (input) => knowledge.move(input),
    'knowledge.retire': (input) => knowledge.retire(input),
    'knowledge.uploadDocument': (input) => knowledge.uploadDocument(input),
    'knowledge.document': (input) => knowledge.document(input),
  };
}

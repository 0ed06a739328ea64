import type { ContractHandlers } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import type { knowledgeRequests } from '../../../shared/knowledge/knowledgeContract.js';
import type { HandlerDeps } from './contractHandlers.js';

type KnowledgeHandlers = Pick<ContractHandlers, keyof typeof knowledgeRequests>;

/** The requests of the knowledge base (being built: every request answers `internal` until then). */
export function knowledgeHandlers(deps: HandlerDeps): KnowledgeHandlers {
  void deps;
  const notYet = (): Promise<never> => Promise.reject(new OknoError('internal', 'the knowledge base is not built yet'));
  return {
    'knowledge.tree': notYet,
    'knowledge.search': notYet,
    'knowledge.suggest': notYet,
    'knowledge.open': notYet,
    'knowledge.versions': notYet,
    'knowledge.save': notYet,
    'knowledge.move': notYet,
    'knowledge.retire': notYet,
    'knowledge.uploadDocument': notYet,
    'knowledge.document': notYet,
  };
}

import type { FastifyInstance } from 'fastify';
import type { HubStore } from '../../storage/hubStore.js';
import type { Logger } from '../../../shared/log.js';

export interface KnowledgeRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for the knowledge base (issue 15, decision 0032). */
export function registerKnowledgeRoutes(scope: FastifyInstance, deps: KnowledgeRoutesDeps): void {
  void scope;
  void deps;
}

/**
 * The knowledge base on the hub's API (decision 0034), each route built from its row in
 * src/shared/hubApi/knowledgeApi.ts. Everyone reads; leads and admins edit (the rows' roles say so).
 * Suggestions and openings name a contact, which must be in the caller's reach (decision 0031).
 */
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { knowledgeApi } from '../../../shared/hubApi/knowledgeApi.js';
import type { Logger } from '../../../shared/log.js';
import { KnowledgeService } from '../../knowledge/knowledgeService.js';
import type { HubStore } from '../../storage/hubStore.js';
import { createHubReach } from '../../sync/hubReach.js';
import { endpointRoute } from '../endpointRoute.js';

export interface KnowledgeRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for the knowledge base (issue 15, decision 0034). */
export function registerKnowledgeRoutes(scope: FastifyInstance, deps: KnowledgeRoutesDeps): void {
  const { store, now, log } = deps;
  const knowledge = new KnowledgeService(store, now, log.child('knowledge'));
  const api = knowledgeApi;
  const reach = createHubReach(store);
  const inReach = (agent: Agent, threadId: string): string => {
    if (!reach.canSee(agent, threadId)) {
      const thread = store.threads.byId(threadId);
      if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
      throw new OknoError('forbidden', `thread #${thread.number} is not in your reach`);
    }
    return threadId;
  };

  endpointRoute(scope, api.tree, () => ({ articles: knowledge.tree() }));
  endpointRoute(scope, api.search, (_agent, input) => ({ results: knowledge.search(input.query, input.limit) }));
  endpointRoute(scope, api.suggest, (agent, input) => ({
    articles: knowledge.suggest(inReach(agent, input.threadId), input.limit),
  }));
  endpointRoute(scope, api.article, (_agent, input, { id }) => knowledge.read(id, input.version));
  endpointRoute(scope, api.opened, (agent, input, { id }) => {
    inReach(agent, input.threadId);
    return { recorded: knowledge.opened(agent, id, input) };
  });
  endpointRoute(scope, api.versions, (_agent, _input, { id }) => ({ versions: knowledge.versions(id) }));
  endpointRoute(scope, api.create, (agent, input) => knowledge.create(agent, input));
  endpointRoute(scope, api.update, (agent, input, { id }) => knowledge.update(agent, id, input));
  endpointRoute(scope, api.move, (_agent, input, { id }) => knowledge.move(id, input.parentId, input.position));
  endpointRoute(scope, api.retire, (_agent, input, { id }) => knowledge.retire(id, input.retired));
  endpointRoute(scope, api.upload, (agent, input, { id }) => knowledge.upload(agent, id, input));
  endpointRoute(scope, api.document, (_agent, _input, { id }) => knowledge.document(id));
  endpointRoute(scope, api.changes, (_agent, input) => knowledge.changes(input.after, input.limit));
}

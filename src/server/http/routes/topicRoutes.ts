/**
 * The topic tree and wrap-up on the hub's API, each route built from its row in
 * src/shared/hubApi/topicsApi.ts (decision 0032). Everyone reads the tree and sets the topics of a
 * contact in their reach; leads and admins edit the tree (the rows' roles say so).
 */
import type { FastifyInstance } from 'fastify';
import type { Agent, Thread } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { topicsApi } from '../../../shared/hubApi/topicsApi.js';
import type { Logger } from '../../../shared/log.js';
import type { HubStore } from '../../storage/hubStore.js';
import { createHubReach } from '../../sync/hubReach.js';
import { TopicTreeEditor } from '../../topics/topicTreeEditor.js';
import { setThreadTopics, threadTopics } from '../../topics/wrapUp.js';
import { endpointRoute } from '../endpointRoute.js';

export interface TopicRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for the topic tree and wrap-up (issue 15, decision 0032). */
export function registerTopicRoutes(scope: FastifyInstance, deps: TopicRoutesDeps): void {
  const { store, now, log } = deps;
  const editor = new TopicTreeEditor(store.db, store.topics, now);
  const api = topicsApi;
  const reach = createHubReach(store);
  const contact = (agent: Agent, threadId: string): Thread => {
    const thread = store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (!reach.canSee(agent, threadId))
      throw new OknoError('forbidden', `thread #${thread.number} is not in your reach`);
    return thread;
  };
  const edited = <T>(agent: Agent, what: string, result: T): T => {
    log.info('topic tree edited', { agentId: agent.id, what });
    return result;
  };

  endpointRoute(scope, api.tree, () => ({ topics: editor.tree() }));
  endpointRoute(scope, api.save, (agent, input) => edited(agent, 'save', editor.save(agent, input)));
  endpointRoute(scope, api.move, (agent, input) => edited(agent, 'move', { topics: editor.move(agent, input) }));
  endpointRoute(scope, api.retire, (agent, _input, { topicId }) =>
    edited(agent, 'retire', editor.setRetired(agent, topicId, true)),
  );
  endpointRoute(scope, api.restore, (agent, _input, { topicId }) =>
    edited(agent, 'restore', editor.setRetired(agent, topicId, false)),
  );
  endpointRoute(scope, api.changes, (_agent, { limit, topicId }) => ({ changes: editor.changes(limit, topicId) }));
  endpointRoute(scope, api.forThread, (agent, _input, { threadId }) => threadTopics(store, contact(agent, threadId)));
  endpointRoute(scope, api.setForThread, (agent, { topicIds }, { threadId }) =>
    setThreadTopics(store, agent, contact(agent, threadId), topicIds, now()),
  );
}

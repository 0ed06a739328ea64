/**
 * The agent's side of the web-chat widget, each route built from its row in
 * src/shared/hubApi/widgetApi.ts: "agent is typing" to the customer, and the widget's start menu
 * (topics with self-service answers), which leads edit. Inside the authenticated scope.
 */
import type { FastifyInstance } from 'fastify';
import { OknoError } from '../../../shared/errors.js';
import { widgetApi } from '../../../shared/hubApi/widgetApi.js';
import type { HubStore } from '../../storage/hubStore.js';
import type { WebchatGateway } from '../../webchat/webchatGateway.js';
import { loadWidgetTopics, saveWidgetTopics } from '../../webchat/widgetTopics.js';
import { topicRefProblems } from '../../topics/wrapUp.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerWidgetAdminRoutes(app: FastifyInstance, store: HubStore, gateway: WebchatGateway): void {
  endpointRoute(app, widgetApi.typing, (agent, _input, { id }) => {
    const thread = store.threads.byId(id);
    if (!thread) throw new OknoError('not_found', `thread ${id} does not exist`);
    const live = thread.channel === 'webchat' && thread.status === 'open';
    if (live) gateway.agentTyping(thread, agent.name);
    return { sent: live };
  });

  endpointRoute(app, widgetApi.topics, () => ({ topics: loadWidgetTopics(store.meta) }));
  endpointRoute(app, widgetApi.saveTopics, (_agent, { topics }) => {
    // The menu's topics come from the topic tree, current (decision 0032).
    const problems = topicRefProblems(
      store,
      topics.map((topic, index) => ({ topic: topic.id, where: `topics.${index}.id` })),
    );
    if (problems.length > 0) throw new OknoError('bad_request', problems.map((p) => p.message).join('; '), problems);
    saveWidgetTopics(store.meta, topics);
    return { topics: loadWidgetTopics(store.meta) };
  });
}

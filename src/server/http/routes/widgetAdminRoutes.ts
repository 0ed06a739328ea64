/**
 * The agent's side of the web-chat widget: "agent is typing" to the customer, and the widget's
 * start menu (topics with self-service answers), which leads edit. Inside the authenticated scope.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OknoError } from '../../../shared/errors.js';
import type { HubStore } from '../../storage/hubStore.js';
import type { WebchatGateway } from '../../webchat/webchatGateway.js';
import { loadWidgetTopics, saveWidgetTopics, WidgetTopics } from '../../webchat/widgetTopics.js';
import { topicRefProblems } from '../../topics/wrapUp.js';
import { agentOf, requireRole } from '../auth.js';
import { parseInput } from '../errorReplies.js';

export const WIDGET_TOPICS_PATH = '/api/v1/widget-topics';
const WidgetTopicsInput = z.object({ topics: WidgetTopics });

export function registerWidgetAdminRoutes(app: FastifyInstance, store: HubStore, gateway: WebchatGateway): void {
  app.post<{ Params: { id: string } }>('/api/v1/threads/:id/typing', async (request) => {
    const agent = agentOf(request);
    const thread = store.threads.byId(request.params.id);
    if (!thread) throw new OknoError('not_found', `thread ${request.params.id} does not exist`);
    const live = thread.channel === 'webchat' && thread.status === 'open';
    if (live) gateway.agentTyping(thread, agent.name);
    return { sent: live };
  });

  app.get(WIDGET_TOPICS_PATH, async () => ({ topics: loadWidgetTopics(store.meta) }));
  app.put(WIDGET_TOPICS_PATH, async (request) => {
    requireRole(agentOf(request), ['lead', 'admin']);
    const { topics } = parseInput(WidgetTopicsInput, request.body, 'widget topics');
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

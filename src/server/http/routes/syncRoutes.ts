import type { FastifyInstance } from 'fastify';
import {
  PullQuery,
  PushRequest,
  SYNC_API,
  ThreadMessagesQuery,
  type PullResponse,
  type PushResponse,
  type ThreadMessagesResponse,
} from '../../../shared/sync.js';
import { Id } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { createHubReach } from '../../sync/hubReach.js';
import { pullChanges } from '../../sync/pullChanges.js';
import { filterForViewer } from '../../sync/reachFilter.js';
import { pushMutations, type PushDeps } from '../../sync/pushMutations.js';
import { agentOf } from '../auth.js';
import { parseInput } from '../errorReplies.js';

/** Pull and push; registered inside the authenticated scope. Each agent gets only their reach (decision 0031). */
export function registerSyncRoutes(app: FastifyInstance, deps: PushDeps): void {
  const reach = createHubReach(deps.store);

  app.get(SYNC_API.pull, async (request): Promise<PullResponse> => {
    const query = parseInput(PullQuery, request.query, 'pull query');
    return pullChanges(deps.store, reach, agentOf(request), query.after, query.limit, query.continued);
  });

  // What an agent's cache let go of by retention, or never had (a thread that came into reach late).
  app.get<{ Params: { id: string } }>(SYNC_API.threadMessages, async (request): Promise<ThreadMessagesResponse> => {
    const agent = agentOf(request);
    const threadId = parseInput(Id, request.params.id, 'thread id');
    const query = parseInput(ThreadMessagesQuery, request.query, 'thread messages query');
    if (!deps.store.threads.byId(threadId)) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (!reach.canSee(agent, threadId)) {
      throw new OknoError('forbidden', `thread ${threadId} is not assigned to you or queued for your groups`);
    }
    return deps.store.messages.pageOf(threadId, query.before, query.limit);
  });

  app.post(SYNC_API.push, async (request): Promise<PushResponse> => {
    const body = parseInput(PushRequest, request.body, 'push request');
    const agent = agentOf(request);
    const response = pushMutations(deps, agent, body);
    // The results carry what each mutation touched; the agent keeps what is in their reach, and
    // the customers their own mutations named (on their screen already).
    const named = new Set(body.mutations.flatMap((m) => ('customerId' in m && m.customerId ? [m.customerId] : [])));
    const viewer = reach.viewer(agent);
    const scope = reach.scope();
    const options = { revoke: true, bringCustomer: () => false, keepCustomers: named };
    return {
      ...response,
      results: response.results.map((r) => ({ ...r, changes: filterForViewer(viewer, r.changes, scope, options) })),
    };
  });
}

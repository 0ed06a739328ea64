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
import { pullChanges } from '../../sync/pullChanges.js';
import { pushMutations, type PushDeps } from '../../sync/pushMutations.js';
import { agentOf } from '../auth.js';
import { parseInput } from '../errorReplies.js';

/** Pull and push; registered inside the authenticated scope. */
export function registerSyncRoutes(app: FastifyInstance, deps: PushDeps): void {
  app.get(SYNC_API.pull, async (request): Promise<PullResponse> => {
    const query = parseInput(PullQuery, request.query, 'pull query');
    return pullChanges(deps.store, query.after, query.limit);
  });

  // What an agent's cache let go of by retention (every agent may pull every message anyway).
  app.get<{ Params: { id: string } }>(SYNC_API.threadMessages, async (request): Promise<ThreadMessagesResponse> => {
    agentOf(request);
    const threadId = parseInput(Id, request.params.id, 'thread id');
    const query = parseInput(ThreadMessagesQuery, request.query, 'thread messages query');
    if (!deps.store.threads.byId(threadId)) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    return deps.store.messages.pageOf(threadId, query.before, query.limit);
  });

  app.post(SYNC_API.push, async (request): Promise<PushResponse> => {
    const body = parseInput(PushRequest, request.body, 'push request');
    return pushMutations(deps, agentOf(request), body);
  });
}

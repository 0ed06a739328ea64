import type { FastifyInstance } from 'fastify';
import { PullQuery, PushRequest, SYNC_API, type PullResponse, type PushResponse } from '../../../shared/sync.js';
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

  app.post(SYNC_API.push, async (request): Promise<PushResponse> => {
    const body = parseInput(PushRequest, request.body, 'push request');
    return pushMutations(deps, agentOf(request), body);
  });
}

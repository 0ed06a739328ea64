import type { FastifyInstance } from 'fastify';
import { LoginRequest, SYNC_API, type LoginResponse } from '../../../shared/sync.js';
import { signIn } from '../../auth/sessions.js';
import type { HubStore } from '../../storage/hubStore.js';
import { parseInput } from '../errorReplies.js';

export function registerLoginRoute(app: FastifyInstance, store: HubStore, now: () => number): void {
  app.post(SYNC_API.login, async (request): Promise<LoginResponse> => {
    const body = parseInput(LoginRequest, request.body, 'login request');
    const { token, agent } = await signIn(store, body, now);
    return { token, agent, hubId: store.hubId };
  });
}

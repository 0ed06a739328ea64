import type { FastifyInstance } from 'fastify';
import { LoginRequest, SYNC_API, type LoginResponse } from '../../../shared/sync.js';
import type { Sessions } from '../../auth/sessions.js';
import type { HubStore } from '../../storage/hubStore.js';
import { withAccountRefusals } from '../auth.js';
import { parseInput } from '../errorReplies.js';

/**
 * POST /sync/login. Guessing is slowed per login and per address before any password is hashed
 * (429 sign_in_paused + Retry-After), and a flood beyond the hashing queue is refused at once
 * (503 hub_busy + Retry-After) — decision 0025.
 */
export function registerLoginRoute(app: FastifyInstance, store: HubStore, sessions: Sessions): void {
  app.post(SYNC_API.login, async (request, reply) =>
    withAccountRefusals(reply, async (): Promise<LoginResponse> => {
      const body = parseInput(LoginRequest, request.body, 'login request');
      const { token, agent } = await sessions.signIn(body, request.ip);
      return { token, agent, hubId: store.hubId };
    }),
  );
}

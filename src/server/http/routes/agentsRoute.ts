import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Agent } from '../../../shared/domain.js';
import { accountsApi } from '../../../shared/hubApi/accountsApi.js';
import type { Endpoint } from '../../../shared/hubApi/endpoint.js';
import { AgentAccounts } from '../../agents/agentAccounts.js';
import { CreateAgentRequest, createAgent } from '../../agents/createAgent.js';
import type { AuthServices } from '../../auth/authServices.js';
import type { SignedIn } from '../../auth/sessions.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf, requireRole, sessionOf, withAccountRefusals } from '../auth.js';
import { parseInput } from '../errorReplies.js';

export const AGENTS_PATH = '/api/v1/agents';

/**
 * Admins and leads add people to the team; admins disable, re-enable and set passwords; every
 * agent changes their own password and signs out (accountsApi). Registered inside the
 * authenticated scope.
 */
export function registerAgentsRoute(app: FastifyInstance, store: HubStore, auth: AuthServices): void {
  const accounts = new AgentAccounts({ store, sessions: auth.sessions, backoff: auth.backoff, now: auth.now });

  app.post(AGENTS_PATH, async (request, reply) =>
    withAccountRefusals(reply, async (): Promise<Agent> => {
      const caller = agentOf(request);
      requireRole(caller, ['admin', 'lead']);
      const body = parseInput(CreateAgentRequest, request.body, 'new agent');
      // A lead builds a team but cannot mint someone with more rights than a lead.
      if (body.role === 'admin') requireRole(caller, ['admin']);
      const agent = await createAgent(store, body, (password) => auth.sessions.hash(password));
      reply.code(201);
      return agent;
    }),
  );

  accountRoute(app, accountsApi.signOut, (session) => ({
    signedOut: auth.sessions.end(session.tokenHash, 'signed out'),
  }));
  accountRoute(app, accountsApi.changePassword, (session, input, _params, address) =>
    accounts.changeOwn(session, address, input.currentPassword, input.newPassword),
  );
  accountRoute(app, accountsApi.disableAgent, (session, _input, { id }) => accounts.disable(session.agent, id));
  accountRoute(app, accountsApi.enableAgent, (_session, _input, { id }) => accounts.enable(id));
  accountRoute(app, accountsApi.setAgentPassword, (_session, input, { id }) =>
    accounts.setPassword(id, input.newPassword),
  );
}

/**
 * A route from an accountsApi row, as endpointRoute builds one, but with the session (sign-out
 * ends it) and the client address (password checks are slowed per address), and with account
 * refusals answered with their own status and Retry-After.
 */
function accountRoute<P extends z.ZodType, I extends z.ZodType, O extends z.ZodType>(
  app: FastifyInstance,
  row: Endpoint<P, I, O>,
  handler: (
    session: SignedIn,
    input: z.output<I>,
    params: z.output<P>,
    address: string,
  ) => z.input<O> | Promise<z.input<O>>,
): void {
  app.route({
    method: row.method,
    url: row.path,
    handler: async (request, reply) =>
      withAccountRefusals(reply, async () => {
        const session = sessionOf(request);
        requireRole(session.agent, row.roles);
        const params = parseInput(row.params, request.params ?? {}, `${row.path} address`);
        const body = row.method === 'GET' || row.method === 'DELETE' ? (request.query ?? {}) : request.body;
        const input = parseInput(row.input, body ?? {}, row.path.split('/').slice(3).join(' '));
        return row.output.parse(await handler(session, input, params, request.ip));
      }),
  });
}

import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../../shared/domain.js';
import { CreateAgentRequest, createAgent } from '../../agents/createAgent.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf, requireRole } from '../auth.js';
import { parseInput } from '../errorReplies.js';

export const AGENTS_PATH = '/api/v1/agents';

/** Admins and leads add people to the team; registered inside the authenticated scope. */
export function registerAgentsRoute(app: FastifyInstance, store: HubStore): void {
  app.post(AGENTS_PATH, async (request, reply): Promise<Agent> => {
    const caller = agentOf(request);
    requireRole(caller, ['admin', 'lead']);
    const body = parseInput(CreateAgentRequest, request.body, 'new agent');
    // A lead builds a team but cannot mint someone with more rights than a lead.
    if (body.role === 'admin') requireRole(caller, ['admin']);
    const agent = await createAgent(store, body);
    reply.code(201);
    return agent;
  });
}

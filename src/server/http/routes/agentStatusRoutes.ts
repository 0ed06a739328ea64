/**
 * Agent status history for leads: every status change with its start time (agent_status_events),
 * from which time in status is computed. The stats service reads the same repo directly.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf, requireRole } from '../auth.js';
import { parseInput } from '../errorReplies.js';

const Period = z
  .object({ from: z.coerce.number().int().nonnegative(), to: z.coerce.number().int().positive() })
  .refine((p) => p.from < p.to, { message: 'from must be before to', path: ['to'] });

export function registerAgentStatusRoutes(app: FastifyInstance, store: HubStore): void {
  app.get('/api/v1/agent-status-events', async (request) => {
    requireRole(agentOf(request), ['lead', 'admin']);
    const { from, to } = parseInput(Period, request.query, 'status period');
    // What each agent was in when the period began, then every change inside it.
    return { atStart: store.agents.statusesAt(from), events: store.agents.statusEvents(from, to) };
  });
}

/**
 * Agent status history for leads (its row: teamApi.statusEvents in src/shared/hubApi/teamApi.ts):
 * every status change with its start time (agent_status_events), from which time in status is
 * computed. The stats service reads the same repo directly.
 */
import type { FastifyInstance } from 'fastify';
import { teamApi } from '../../../shared/hubApi/teamApi.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerAgentStatusRoutes(app: FastifyInstance, store: HubStore): void {
  // What each agent was in when the period began, then every change inside it.
  endpointRoute(app, teamApi.statusEvents, (_agent, { from, to }) => ({
    atStart: store.agents.statusesAt(from),
    events: store.agents.statusEvents(from, to),
  }));
}

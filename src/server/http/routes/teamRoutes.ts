/**
 * The team as a lead manages it (its row: teamApi.members in src/shared/hubApi/teamApi.ts): every
 * agent with their role, status and capacity per channel. Leads and admins only; agents see each
 * other through sync, not here.
 */
import type { FastifyInstance } from 'fastify';
import type { TeamMember } from '../../../shared/contract.js';
import { teamApi } from '../../../shared/hubApi/teamApi.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerTeamRoutes(app: FastifyInstance, store: HubStore): void {
  const ids = store.db.prepare('SELECT id FROM agents ORDER BY name, id');

  endpointRoute(app, teamApi.members, () => {
    const agents: TeamMember[] = [];
    for (const { id } of ids.all() as { id: string }[]) {
      const agent = store.agents.byId(id);
      if (!agent) continue;
      const { login, name, role, status } = agent;
      const disabled = (store.agents.account(id)?.disabledAt ?? null) !== null;
      agents.push({ id, login, name, role, status, capacity: store.routing.capacityOf(id), disabled });
    }
    return { agents };
  });
}

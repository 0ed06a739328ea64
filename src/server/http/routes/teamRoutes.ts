/**
 * The team as a lead manages it: every agent with their role, status and capacity per channel.
 * Leads and admins only; agents see each other through sync, not here.
 */
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../../../shared/domain.js';
import type { Capacity } from '../../../shared/routing/chooseAgent.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf, requireRole } from '../auth.js';

export interface TeamMember {
  id: string;
  login: string;
  name: string;
  role: Agent['role'];
  status: Agent['status'];
  capacity: Capacity;
  /** An administrator disabled the account (decision 0025). */
  disabled: boolean;
}

export function registerTeamRoutes(app: FastifyInstance, store: HubStore): void {
  const ids = store.db.prepare('SELECT id FROM agents ORDER BY name, id');

  app.get('/api/v1/team', async (request): Promise<{ agents: TeamMember[] }> => {
    requireRole(agentOf(request), ['lead', 'admin']);
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

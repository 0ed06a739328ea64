/**
 * The team as leads and admins see it on the hub: every agent with their role, status, capacity
 * and whether the account is disabled, and the history of everyone's statuses over a period (from
 * which time in status is counted). Agents see each other through sync, not here.
 */
import { z } from 'zod';
import { TeamMember } from '../contract.js';
import { AgentStatus } from '../domain.js';
import { endpoint, LEADS, None } from './endpoint.js';

/** One status an agent was in, from `startedAt` until the next event of the same agent. */
export const AgentStatusEvent = z.object({
  seq: z.number().int(),
  agentId: z.string(),
  status: AgentStatus,
  reason: z.string().nullable(),
  startedAt: z.number(),
});
export type AgentStatusEvent = z.infer<typeof AgentStatusEvent>;

export const StatusPeriod = z
  .object({ from: z.coerce.number().int().nonnegative(), to: z.coerce.number().int().positive() })
  .refine((p) => p.from < p.to, { message: 'from must be before to', path: ['to'] });

export const teamApi = {
  members: endpoint({
    method: 'GET',
    path: '/api/v1/team',
    params: None,
    input: None,
    output: z.object({ agents: z.array(TeamMember) }),
    roles: LEADS,
  }),
  /** What each agent was in when the period began (`atStart`), then every change inside it. */
  statusEvents: endpoint({
    method: 'GET',
    path: '/api/v1/agent-status-events',
    params: None,
    input: StatusPeriod,
    output: z.object({ atStart: z.array(AgentStatusEvent), events: z.array(AgentStatusEvent) }),
    roles: LEADS,
  }),
} as const;

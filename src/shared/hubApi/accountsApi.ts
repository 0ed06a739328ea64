/**
 * The hub's API for accounts and sessions (decision 0025): signing out, an agent changing their
 * own password, and administrators disabling, re-enabling and setting a new password for an
 * agent. Read by the hub's routes and the core's client alike (src/shared/hubApi/endpoint.ts).
 */
import { z } from 'zod';
import { AgentRole, Id } from '../domain.js';
import { GivenPassword, NewPassword } from '../accounts/password.js';
import { ADMINS, ALL, ById, endpoint, None } from './endpoint.js';

/** An agent's account as an administrator manages it. */
export const AgentAccount = z.object({
  id: Id,
  login: z.string(),
  name: z.string(),
  role: AgentRole,
  disabled: z.boolean(),
  disabledAt: z.number().nullable(),
  passwordChangedAt: z.number().nullable(),
});
export type AgentAccount = z.infer<typeof AgentAccount>;

/** How many of the agent's sessions (apps signed in) ended with the change. */
const SessionsEnded = z.number().int().nonnegative();

export const accountsApi = {
  /** Ends the calling session on the hub (its live socket closes too). */
  signOut: endpoint({
    method: 'POST',
    path: '/api/v1/session/sign-out',
    params: None,
    input: None,
    output: z.object({ signedOut: z.boolean() }),
    roles: ALL,
  }),
  /** The agent's own password; the agent's other sessions end, this one stays. */
  changePassword: endpoint({
    method: 'PUT',
    path: '/api/v1/agents/me/password',
    params: None,
    input: z.object({ currentPassword: GivenPassword, newPassword: NewPassword }),
    output: z.object({ changed: z.literal(true), sessionsEnded: SessionsEnded }),
    roles: ALL,
  }),
  /** The agent cannot sign in, and every session they have ends at once. */
  disableAgent: endpoint({
    method: 'POST',
    path: '/api/v1/agents/:id/disable',
    params: ById,
    input: None,
    output: z.object({ account: AgentAccount, sessionsEnded: SessionsEnded }),
    roles: ADMINS,
  }),
  enableAgent: endpoint({
    method: 'POST',
    path: '/api/v1/agents/:id/enable',
    params: ById,
    input: None,
    output: z.object({ account: AgentAccount, sessionsEnded: SessionsEnded }),
    roles: ADMINS,
  }),
  /** A new password for someone who forgot theirs; every session they have ends. */
  setAgentPassword: endpoint({
    method: 'PUT',
    path: '/api/v1/agents/:id/password',
    params: ById,
    input: z.object({ newPassword: NewPassword }),
    output: z.object({ account: AgentAccount, sessionsEnded: SessionsEnded }),
    roles: ADMINS,
  }),
} as const;

/** Accounts: the app contract's part (requests), forwarded by the core to accountsApi (decision 0025). */
import { z } from 'zod';
import { Id } from '../domain.js';
import { accountsApi } from '../hubApi/accountsApi.js';

const api = accountsApi;

export const accountsRequests = {
  /** The signed-in agent's own password; their other apps are signed out, this one stays. */
  'account.changePassword': { input: api.changePassword.input, output: api.changePassword.output },
  /** Admins: the agent cannot sign in and all their sessions end at once. */
  'team.disableAgent': { input: z.object({ agentId: Id }), output: api.disableAgent.output },
  'team.enableAgent': { input: z.object({ agentId: Id }), output: api.enableAgent.output },
  /** Admins: a new password for the agent; all their sessions end. */
  'team.setPassword': {
    input: z.object({ agentId: Id, newPassword: api.setAgentPassword.input.shape.newPassword }),
    output: api.setAgentPassword.output,
  },
};

import { z } from 'zod';
import { NewPassword } from '../../shared/accounts/password.js';
import { AgentRole, LIMITS, type Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { hashPassword } from '../auth/passwords.js';
import type { HubStore } from '../storage/hubStore.js';

/** Body of POST /api/v1/agents. */
export const CreateAgentRequest = z.object({
  login: z
    .string()
    .trim()
    .min(1, 'login is empty')
    .max(LIMITS.login, `login is longer than ${LIMITS.login} characters`)
    .regex(/^\S+$/, 'login may not contain spaces'),
  name: z.string().trim().min(1, 'name is empty').max(LIMITS.customerName),
  password: NewPassword,
  role: AgentRole,
});
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

/** `hash` defaults to hashing directly; the HTTP route passes the hub's bounded hashing queue. */
export async function createAgent(
  store: HubStore,
  request: CreateAgentRequest,
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<Agent> {
  // Hash before the transaction: scrypt is slow and asynchronous, transactions are neither.
  const passwordHash = await hash(request.password);
  const { result } = store.write((tx) => {
    if (store.agents.credentials(request.login)) {
      throw new OknoError('conflict', `login "${request.login}" is already taken`);
    }
    const agent: Agent = {
      id: uuidv7(tx.now),
      login: request.login,
      name: request.name,
      role: request.role,
      status: 'offline',
      updatedAt: tx.now,
    };
    store.agents.create(tx, agent, passwordHash);
    return agent;
  });
  return result;
}

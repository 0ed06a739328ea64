import { randomPassword } from '../auth/passwords.js';
import type { HubStore } from '../storage/hubStore.js';
import { createAgent } from './createAgent.js';

export const BOOTSTRAP_LOGIN = 'admin';

/**
 * A hub with no agents gets one administrator, so there is always someone who can sign in and
 * create the team. The password is returned once for the operator and never stored in clear.
 */
export async function bootstrapAdmin(
  store: HubStore,
  initialPassword: string | undefined,
): Promise<{ login: string; password: string } | null> {
  if (store.agents.count() > 0) return null;
  const password = initialPassword ?? randomPassword(16);
  await createAgent(store, { login: BOOTSTRAP_LOGIN, name: 'Administrator', password, role: 'admin' });
  return { login: BOOTSTRAP_LOGIN, password };
}

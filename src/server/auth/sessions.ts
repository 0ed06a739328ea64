/** Signing in and recognising a bearer token. */
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { LoginRequest } from '../../shared/sync.js';
import type { HubStore } from '../storage/hubStore.js';
import { DECOY_HASH, verifyPassword } from './passwords.js';
import { hashSecret, newSecret } from './tokens.js';

/** A session unused this long is gone; the app signs in again. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60_000;
/** last_seen_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export async function signIn(
  store: HubStore,
  request: LoginRequest,
  now: () => number,
): Promise<{ token: string; agent: Agent }> {
  const found = store.agents.credentials(request.login);
  // Unknown logins still pay for a hash, so timing does not tell which logins exist.
  const ok = await verifyPassword(request.password, found?.passwordHash ?? DECOY_HASH);
  if (!found || !ok) throw new OknoError('invalid_credentials', 'login or password is wrong');
  const token = newSecret();
  store.sessions.insert(hashSecret(token), found.agent.id, now());
  return { token, agent: found.agent };
}

export function authenticate(store: HubStore, token: string, now: number): Agent {
  const tokenHash = hashSecret(token);
  const session = store.sessions.get(tokenHash);
  if (!session) throw new OknoError('unauthorized', 'the bearer token is not a valid session; sign in again');
  if (now - session.lastSeenAt > SESSION_IDLE_MS) {
    store.sessions.delete(tokenHash);
    throw new OknoError('unauthorized', 'the session has expired; sign in again');
  }
  const agent = store.agents.byId(session.agentId);
  if (!agent) throw new OknoError('unauthorized', 'the session belongs to an agent that no longer exists');
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) store.sessions.touch(tokenHash, now);
  return agent;
}

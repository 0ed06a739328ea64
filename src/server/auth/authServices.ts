/**
 * The hub's sign-in pieces, made once by the composition root (createHub) and handed to the login
 * route, the session hook and the account routes: the sessions, the hashing queue, the back-off
 * (its counts in the database) and the live sockets held by sessions.
 */
import type { HubStore } from '../storage/hubStore.js';
import { SignInBackoffRepo } from '../storage/signInBackoffRepo.js';
import { HashQueue } from './hashQueue.js';
import { LiveSockets } from './liveSockets.js';
import { Sessions } from './sessions.js';
import { SignInBackoff } from './signInBackoff.js';

export interface AuthServices {
  sessions: Sessions;
  hashes: HashQueue;
  backoff: SignInBackoff;
  sockets: LiveSockets;
  /** The hub's clock, as the services were made with it. */
  now: () => number;
}

export interface AuthServicesDeps {
  store: HubStore;
  now: () => number;
}

export function createAuthServices({ store, now }: AuthServicesDeps): AuthServices {
  const hashes = new HashQueue();
  const backoff = new SignInBackoff({ now, store: new SignInBackoffRepo(store.db) });
  const sockets = new LiveSockets();
  return { hashes, backoff, sockets, now, sessions: new Sessions({ store, hashes, backoff, sockets, now }) };
}

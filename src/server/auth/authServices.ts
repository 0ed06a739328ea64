/**
 * The hub's sign-in pieces, made once per store: the sessions, the hashing queue, the back-off
 * (its counts in the database) and the live sockets held by sessions. The login route, the
 * session hook and the account routes all reach the same ones through `authServicesOf`, because
 * the HTTP app's composition root (createHttpApp) hands routes only the store; when it builds
 * these itself and passes them in, this lookup goes.
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

const byStore = new WeakMap<HubStore, AuthServices>();

export function createAuthServices(store: HubStore, now: () => number): AuthServices {
  const hashes = new HashQueue();
  const backoff = new SignInBackoff({ now, store: new SignInBackoffRepo(store.db) });
  const sockets = new LiveSockets();
  return { hashes, backoff, sockets, now, sessions: new Sessions({ store, hashes, backoff, sockets, now }) };
}

/** The store's services, made on first use with that caller's clock (the hub has one clock). */
export function authServicesOf(store: HubStore, now: () => number): AuthServices {
  let services = byStore.get(store);
  if (!services) {
    services = createAuthServices(store, now);
    byStore.set(store, services);
  }
  return services;
}

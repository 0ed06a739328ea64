/**
 * The hub's sign-in pieces, made once by the composition root (createHub) and handed to the login
 * route, the session hook and the account routes: the sessions, the hashing queue, the back-off
 * (its counts in the database) and the live sockets held by sessions — which, in a cluster, follow
 * the sessions other instances end (decision 0053).
 */
import type { Logger } from '../../shared/log.js';
import type { HubCluster } from '../cluster/hubCluster.js';
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
  /** Stops following the other instances (the hub's close). */
  stop(): void;
}

export interface AuthServicesDeps {
  store: HubStore;
  /** Its bus carries ended sessions; in a cluster, held sockets' sessions are also checked every sessionCheckMs. */
  cluster: Pick<HubCluster, 'bus' | 'sessionCheckMs'>;
  now: () => number;
  log: Logger;
}

export function createAuthServices({ store, cluster, now, log }: AuthServicesDeps): AuthServices {
  const hashes = new HashQueue();
  const backoff = new SignInBackoff({ now, store: new SignInBackoffRepo(store.db) });
  const sockets = new LiveSockets(cluster.bus, log);
  const stop =
    cluster.sessionCheckMs === null
      ? () => undefined
      : sockets.follow(cluster.sessionCheckMs, (tokenHashes) => store.sessions.existing(tokenHashes));
  return { hashes, backoff, sockets, now, stop, sessions: new Sessions({ store, hashes, backoff, sockets, now }) };
}

/** Wires presence for one hub instance: its own sockets, and the leased sweep for everyone's (decision 0052). */
import type { Logger } from '../../shared/log.js';
import { ALIVE_MS, SEEN_EVERY_MS, type HubCluster } from '../cluster/hubCluster.js';
import { AgentSocketsRepo } from '../storage/agentSocketsRepo.js';
import type { Database } from '../storage/database.js';
import { Presence } from './presence.js';
import { PRESENCE_LEASE, PresenceSweep } from './presenceSweep.js';

export function startPresence(options: {
  db: Database;
  cluster: HubCluster;
  graceMs: number;
  now: () => number;
  log: Logger;
  wentOffline: (agentId: string) => void;
}): Presence {
  const { cluster, graceMs, now, log, wentOffline } = options;
  const sockets = new AgentSocketsRepo(options.db);
  const presence = new Presence({ graceMs, instanceId: cluster.instanceId, sockets, now, log, wentOffline });
  cluster.work.add(
    PRESENCE_LEASE,
    new PresenceSweep({
      graceMs,
      aliveMs: ALIVE_MS,
      everyMs: SEEN_EVERY_MS,
      instanceId: cluster.instanceId,
      sockets,
      here: (agentId) => presence.here(agentId),
      now,
      log,
      wentOffline,
    }),
  );
  return presence;
}

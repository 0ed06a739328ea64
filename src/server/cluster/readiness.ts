/** Whether this hub instance can take work now: its database answers and its cluster bus is up. */
import type { Readiness } from '../http/routes/healthRoutes.js';
import type { HubStore } from '../storage/hubStore.js';
import type { HubCluster } from './hubCluster.js';

export function readinessOf(store: HubStore, cluster: HubCluster): () => Readiness {
  const ping = store.db.prepare('SELECT 1 AS ok');
  return () => {
    const reasons: string[] = [];
    try {
      ping.get();
    } catch (error) {
      reasons.push(`the database does not answer: ${(error as Error).message}`);
    }
    if (!cluster.bus.connected) reasons.push('the message broker is not reachable');
    return { ready: reasons.length === 0, reasons, instance: cluster.instanceId, leases: cluster.work.held() };
  };
}

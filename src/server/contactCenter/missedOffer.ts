/**
 * An agent who let an offer go by (a call that rang out, a chat not taken in time) is set not ready
 * with the reason `missed_offer`, so the next offer goes to someone who is there. They make
 * themselves ready again; the status history keeps the change for the stats.
 */
import type { Agent } from '../../shared/domain.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';

export const MISSED_OFFER_REASON = 'missed_offer';

export function setMissedOffer(tx: Tx, store: HubStore, agentId: string): Agent | null {
  const agent = store.agents.byId(agentId);
  if (!agent || agent.status !== 'ready') return null;
  return store.agents.update(tx, {
    ...agent,
    status: 'not_ready',
    statusReason: MISSED_OFFER_REASON,
    acwUntil: null,
    updatedAt: tx.now,
  });
}

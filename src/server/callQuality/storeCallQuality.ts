/** Stores what the agent's app saw of a call, with the call record (decision 0040). */
import type { CallQualitySummary } from '../../shared/callQuality/callQuality.js';
import type { Agent } from '../../shared/domain.js';
import type { CallRecord } from '../../shared/softphone/callLog.js';
import { callQualityRepo } from '../storage/callQualityRepo.js';
import type { HubStore } from '../storage/hubStore.js';

/** Runs inside the call record's transaction; the record's message id makes a retried push a no-op. */
export function storeAgentQuality(store: HubStore, agent: Agent, call: CallRecord, quality: CallQualitySummary): void {
  callQualityRepo(store.db).save({
    id: call.messageId,
    source: 'agent',
    threadId: call.threadId,
    agentId: agent.id,
    callId: null,
    endedAt: call.endedAt,
    summary: quality,
  });
}

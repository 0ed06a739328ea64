import { callQualityApi } from '../../shared/hubApi/callQualityApi.js';
import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';
import { endpointRoute } from '../http/endpointRoute.js';
import { callQualityRepo } from '../storage/callQualityRepo.js';
import { EngineWatch } from './engineWatch.js';

/**
 * Call quality (issue 16, decision 0040): rtpengine's figures of each answered queue call (the agent's
 * own arrive with the call record), a call's stored figures and the per-agent summary for leads.
 */
export function startCallQualityFeature(context: HubFeatureContext): HubFeature {
  const repo = callQualityRepo(context.store.db);
  const log = context.log.child('callQuality');
  const watch = context.ng ? new EngineWatch({ ng: context.ng, repo, now: context.now, log }) : null;
  return {
    name: 'callQuality',
    hook: watch
      ? {
          answered: (call) => watch.answered(call),
          ended: (call) => void watch.ended(call),
        }
      : undefined,
    routes(scope) {
      endpointRoute(scope, callQualityApi.summary, (_agent, period) => ({
        from: period.from,
        to: period.to,
        agents: repo.summary(period.from, period.to),
      }));
      endpointRoute(scope, callQualityApi.ofThread, (_agent, _input, { threadId }) => ({
        calls: repo.ofThread(threadId).map((r) => ({
          source: r.source,
          agentId: r.agentId,
          endedAt: r.endedAt,
          summary: r.summary,
          legs: r.legs ?? [],
        })),
      }));
    },
    stop: () => watch?.stop(),
  };
}

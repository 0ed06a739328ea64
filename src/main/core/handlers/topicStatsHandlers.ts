import type { ContractHandlers } from '../../../shared/contract.js';
import type { topicStatsRequests } from '../../../shared/stats/topicStatsContract.js';
import { createTopicStatsClient } from '../hubApi/topicStatsClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of stats by topic, forwarded to the hub (which refuses agents). */
export function topicStatsHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof topicStatsRequests> {
  const hub = createTopicStatsClient({ link: () => deps.session.link() });
  const none = {};
  return {
    'topicStats.period': (input) => hub.call('period', { params: none, input }),
    'topicStats.season': (input) => hub.call('season', { params: none, input }),
    'topicStats.compare': ({ a, b, timeZone }) =>
      hub.call('compare', { params: none, input: { aFrom: a.from, aTo: a.to, bFrom: b.from, bTo: b.to, timeZone } }),
  };
}

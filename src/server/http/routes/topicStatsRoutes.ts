/**
 * Stats by topic on the hub's API (decision 0033), each route built from its row in
 * src/shared/hubApi/topicStatsApi.ts: leads and admins only (the rows' roles say so).
 */
import type { FastifyInstance } from 'fastify';
import { compareOfQuery, topicStatsApi } from '../../../shared/hubApi/topicStatsApi.js';
import { TopicCompareInput } from '../../../shared/stats/topicStatsWire.js';
import type { Logger } from '../../../shared/log.js';
import type { HubStore } from '../../storage/hubStore.js';
import { TopicStatsRepo } from '../../storage/topicStatsRepo.js';
import { TopicStatsService, type AfterCallWork } from '../../stats/topicStatsService.js';
import { endpointRoute } from '../endpointRoute.js';
import { parseInput } from '../errorReplies.js';

export interface TopicStatsRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
  /** The period tables' stats service: fills answered calls' after-call work the same way. */
  stats: AfterCallWork;
}

/** The hub's routes for stats by topic (issue 15, decision 0033). */
export function registerTopicStatsRoutes(scope: FastifyInstance, deps: TopicStatsRoutesDeps): void {
  const { now } = deps;
  const service = new TopicStatsService(new TopicStatsRepo(deps.store.db), deps.stats);
  const api = topicStatsApi;
  endpointRoute(scope, api.period, (_agent, input) => service.period(input, now()));
  endpointRoute(scope, api.season, (_agent, input) => service.season(input, now()));
  endpointRoute(scope, api.compare, (_agent, query) =>
    service.compare(parseInput(TopicCompareInput, compareOfQuery(query), 'stats topics compare'), now()),
  );
}

import type { FastifyInstance } from 'fastify';
import type { HubStore } from '../../storage/hubStore.js';
import type { Logger } from '../../../shared/log.js';

export interface TopicStatsRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for stats by topic (issue 15, decision 0032). */
export function registerTopicStatsRoutes(scope: FastifyInstance, deps: TopicStatsRoutesDeps): void {
  void scope;
  void deps;
}

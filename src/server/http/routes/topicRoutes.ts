import type { FastifyInstance } from 'fastify';
import type { HubStore } from '../../storage/hubStore.js';
import type { Logger } from '../../../shared/log.js';

export interface TopicRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for the topic tree and wrap-up (issue 15, decision 0032). */
export function registerTopicRoutes(scope: FastifyInstance, deps: TopicRoutesDeps): void {
  void scope;
  void deps;
}

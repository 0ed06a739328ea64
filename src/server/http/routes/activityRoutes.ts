import type { FastifyInstance } from 'fastify';
import type { HubStore } from '../../storage/hubStore.js';
import type { Logger } from '../../../shared/log.js';

export interface ActivityRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for planned activities (issue 15, decision 0032). */
export function registerActivityRoutes(scope: FastifyInstance, deps: ActivityRoutesDeps): void {
  void scope;
  void deps;
}

import type { FastifyInstance } from 'fastify';
import type { HubStore } from '../../storage/hubStore.js';
import type { Logger } from '../../../shared/log.js';

export interface RegisterRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

/** The hub's routes for the complaints and requests register (issue 15, decision 0032). */
export function registerRegisterRoutes(scope: FastifyInstance, deps: RegisterRoutesDeps): void {
  void scope;
  void deps;
}

/**
 * Planned activities on the hub's API (decision 0036), each route built from its row in
 * src/shared/hubApi/activitiesApi.ts. The desk holds no state of its own: the hub's clock runs
 * another desk over the same store (hub.ts).
 */
import type { FastifyInstance } from 'fastify';
import { activitiesApi } from '../../../shared/hubApi/activitiesApi.js';
import type { Logger } from '../../../shared/log.js';
import { ActivityDesk } from '../../activities/activityDesk.js';
import type { ContactCenter } from '../../contactCenter/contactCenter.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export interface ActivityRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
  center: ContactCenter;
}

export function registerActivityRoutes(scope: FastifyInstance, deps: ActivityRoutesDeps): void {
  const desk = new ActivityDesk(deps.store, deps.center, deps.log);
  const api = activitiesApi;
  endpointRoute(scope, api.plan, (agent, input) => desk.plan(agent, input));
  endpointRoute(scope, api.targets, () => desk.targets());
  endpointRoute(scope, api.queued, (agent) => ({ activities: desk.queued(agent) }));
  endpointRoute(scope, api.ofCustomer, (_agent, _input, { customerId }) => ({
    activities: desk.ofCustomer(customerId),
  }));
  endpointRoute(scope, api.ofThread, (agent, _input, { threadId }) => ({ activities: desk.ofThread(agent, threadId) }));
  endpointRoute(scope, api.cancel, (agent, _input, { activityId }) => desk.cancel(agent, activityId));
  endpointRoute(scope, api.done, (agent, _input, { activityId }) => desk.done(agent, activityId));
}

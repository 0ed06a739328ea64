/**
 * Reading customer cards (any signed-in agent), each route built from its row in
 * src/shared/hubApi/customersApi.ts: the card with its history, and the timeline across channels.
 * Changes to a card are mutations through /sync/push (docs/customer-cards.md).
 */
import type { FastifyInstance } from 'fastify';
import { OknoError } from '../../../shared/errors.js';
import { customersApi } from '../../../shared/hubApi/customersApi.js';
import { customerCardsOf } from '../../customers/applyCustomerMutation.js';
import { CustomerTimeline } from '../../customers/customerTimeline.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerCustomerRoutes(app: FastifyInstance, store: HubStore): void {
  const timeline = new CustomerTimeline(store.db);
  const current = (id: string) => {
    const customer = store.customers.current(id);
    if (!customer) throw new OknoError('not_found', `customer ${id} does not exist`);
    return customer;
  };

  endpointRoute(app, customersApi.card, (_agent, { limit }, { id }) => {
    const customer = current(id);
    return { customerId: customer.id, customer, history: customerCardsOf(store).history(customer.id, limit) };
  });

  endpointRoute(app, customersApi.timeline, (_agent, query, { id }) =>
    timeline.page(current(id).id, query.before, query.limit),
  );
}

/**
 * Reading customer cards (any signed-in agent): the card with its history, and the timeline across
 * channels. Changes to a card are mutations through /sync/push (docs/customer-cards.md).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TimelineQuery } from '../../../shared/customers/customerTimeline.js';
import { Id } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { customerCardsOf } from '../../customers/applyCustomerMutation.js';
import { CustomerTimeline } from '../../customers/customerTimeline.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf } from '../auth.js';
import { parseInput } from '../errorReplies.js';

export const CUSTOMER_API = {
  card: '/api/v1/customers/:id',
  timeline: '/api/v1/customers/:id/timeline',
} as const;

const Params = z.object({ id: Id });
const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export function registerCustomerRoutes(app: FastifyInstance, store: HubStore): void {
  const timeline = new CustomerTimeline(store.db);
  const current = (id: string) => {
    const customer = store.customers.current(id);
    if (!customer) throw new OknoError('not_found', `customer ${id} does not exist`);
    return customer;
  };

  app.get(CUSTOMER_API.card, async (request) => {
    agentOf(request);
    const { id } = parseInput(Params, request.params, 'customer');
    const { limit } = parseInput(HistoryQuery, request.query, 'history query');
    const customer = current(id);
    return { customerId: customer.id, customer, history: customerCardsOf(store).history(customer.id, limit) };
  });

  app.get(CUSTOMER_API.timeline, async (request) => {
    agentOf(request);
    const { id } = parseInput(Params, request.params, 'customer');
    const query = parseInput(TimelineQuery, request.query, 'timeline query');
    return timeline.page(current(id).id, query.before, query.limit);
  });
}

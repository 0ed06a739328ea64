/**
 * The hub's customer cards, read by any signed-in agent: the card with its history, and the
 * timeline across channels. Changes to a card are mutations through /sync/push
 * (docs/customer-cards.md), not rows here.
 */
import { z } from 'zod';
import { CustomerHistoryPage, TimelinePage, TimelineQuery } from '../customers/customerTimeline.js';
import { Customer, Id } from '../domain.js';
import { endpoint } from './endpoint.js';

const ALL = ['agent', 'lead', 'admin'] as const;
const ById = z.object({ id: Id });

export const customersApi = {
  /** The current card (the survivor, when the asked-for one was merged) and its newest history. */
  card: endpoint({
    method: 'GET',
    path: '/api/v1/customers/:id',
    params: ById,
    input: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    output: CustomerHistoryPage.extend({ customer: Customer }),
    roles: ALL,
  }),
  timeline: endpoint({
    method: 'GET',
    path: '/api/v1/customers/:id/timeline',
    params: ById,
    input: TimelineQuery,
    output: TimelinePage,
    roles: ALL,
  }),
} as const;

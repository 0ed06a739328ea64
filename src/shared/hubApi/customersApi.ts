/**
 * The hub's customer cards, for any signed-in agent: the card with its history, the timeline
 * across channels, and how the customer is known on each channel (identities linked and unlinked
 * by hand). Changes to a card are mutations through /sync/push (docs/customer-cards.md), not rows
 * here.
 */
import { z } from 'zod';
import { IdentityInput } from '../customers/customerCard.js';
import { CustomerHistoryPage, TimelinePage, TimelineQuery } from '../customers/customerTimeline.js';
import { Customer, IdentityKind } from '../domain.js';
import { ALL, ById, endpoint } from './endpoint.js';

/** The identity routes look the customer up as given (an unknown one: not_found). */
const ByCustomer = z.object({ id: z.string() });

const Identities = z.object({
  identities: z.array(
    z.object({ kind: IdentityKind, value: z.string(), customerId: z.string(), createdAt: z.number() }),
  ),
});

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
  identities: endpoint({
    method: 'GET',
    path: '/api/v1/customers/:id/identities',
    params: ByCustomer,
    input: z.object({}),
    output: Identities,
    roles: ALL,
  }),
  /** Links the identity (normalised) to the customer, moving it from whoever had it. */
  linkIdentity: endpoint({
    method: 'POST',
    path: '/api/v1/customers/:id/identities',
    params: ByCustomer,
    input: IdentityInput,
    output: Identities,
    roles: ALL,
    status: 201,
  }),
  unlinkIdentity: endpoint({
    method: 'DELETE',
    path: '/api/v1/customers/:id/identities',
    params: ByCustomer,
    input: IdentityInput,
    output: Identities,
    roles: ALL,
  }),
} as const;

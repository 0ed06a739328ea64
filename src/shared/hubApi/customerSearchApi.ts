/**
 * The hub's customer search API (decision 0031, ## Search): search by one key, the keys leads
 * offer, a new (potential) customer made from what a contact told, and a thread moved to the
 * customer it belongs to (or to an anonymous one). Read by the hub's routes and the core's client.
 * Every customer leaves the hub masked: no full card, passport or account number is in a reply.
 */
import { z } from 'zod';
import { StoredDocument } from '../customers/bankKeys.js';
import { CustomerName } from '../customers/customerCard.js';
import { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SEARCH_VALUE_MAX, SearchKey } from '../customers/searchKeys.js';
import { Customer, CustomerIdentity, Id, Millis, Thread } from '../domain.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

export const CustomerKind = z.enum(['customer', 'potential', 'anonymous']);
export type CustomerKind = z.infer<typeof CustomerKind>;

/** One customer found: what an agent may see before identification, and how it matched. */
export const SearchResult = z.object({
  id: Id,
  name: z.string(),
  kind: CustomerKind,
  /** Masked: `**** 1234`, `45 ** ***456`, `40817 **** 1234`. */
  documents: z.array(StoredDocument),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  /** Telegram and VK ids. */
  messengers: z.array(CustomerIdentity),
  threads: z.number().int().nonnegative(),
  lastContactAt: Millis.nullable(),
  match: z.object({
    /** The key matched exactly (a phone, a document, every typed name word). */
    exact: z.boolean(),
    /** Typos between what was typed and the name (0 for an exact key). */
    distance: z.number().nonnegative(),
  }),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchInput = z.object({
  key: SearchKey,
  value: z.string().max(SEARCH_VALUE_MAX, `search text is longer than ${SEARCH_VALUE_MAX} characters`),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
});

export const SearchReply = z.object({
  results: z.array(SearchResult),
  /** More matched than `limit`: the agent should type more. */
  truncated: z.boolean(),
});
export type SearchReply = z.infer<typeof SearchReply>;

const OptionalText = z.string().trim().max(SEARCH_VALUE_MAX).optional();

/** A new potential customer from what the contact told; keys are checked as search checks them. */
export const NewCustomerInput = z.object({
  /** Made by the client (UUID v7) so a retry does not make a second customer. */
  customerId: Id,
  name: CustomerName,
  phone: OptionalText,
  email: OptionalText,
  passport: OptionalText,
  account: OptionalText,
  card: OptionalText,
  /** The contact it came from: moved to the new customer. */
  threadId: Id.optional(),
});
export type NewCustomerInput = z.infer<typeof NewCustomerInput>;

/** Where a thread goes: a chosen customer, or a new anonymous one of its own. */
export const AttachInput = z.union([
  z.object({ customerId: Id }).strict(),
  z.object({ anonymous: z.literal(true) }).strict(),
]);
export type AttachInput = z.infer<typeof AttachInput>;

const Attached = z.object({ thread: Thread, customer: Customer });

export const customerSearchApi = {
  /** POST so that a card number travels in the body, never in a URL a proxy might log. */
  search: endpoint({
    method: 'POST',
    path: '/api/v1/customer-search',
    params: None,
    input: SearchInput,
    output: SearchReply,
    roles: ALL,
  }),
  keys: endpoint({
    method: 'GET',
    path: '/api/v1/customer-search/keys',
    params: None,
    input: None,
    output: z.object({ keys: z.array(SearchKey) }),
    roles: ALL,
  }),
  setKeys: endpoint({
    method: 'PUT',
    path: '/api/v1/customer-search/keys',
    params: None,
    input: z.object({ keys: z.array(SearchKey).min(1, 'offer at least one search key').max(SearchKey.options.length) }),
    output: z.object({ keys: z.array(SearchKey) }),
    roles: LEADS,
  }),
  createCustomer: endpoint({
    method: 'POST',
    path: '/api/v1/customer-search/customers',
    params: None,
    input: NewCustomerInput,
    output: z.object({ customer: SearchResult, thread: Thread.nullable() }),
    roles: ALL,
  }),
  attachThread: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/customer',
    params: z.object({ id: Id }),
    input: AttachInput,
    output: Attached,
    roles: ALL,
  }),
} as const;

/**
 * The customer desk's search part of the app contract (requests), forwarded by the core to the hub's
 * customerSearchApi (decision 0031, ## Search). A typed key is checked here, so a bad one is refused
 * naming the field before it leaves the app.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { customerSearchApi, NewCustomerInput, SearchInput } from '../hubApi/customerSearchApi.js';
import type { SearchKey } from './searchKeys.js';
import { parseSearch } from './searchKeys.js';

const api = customerSearchApi;

/** Where an answer came from: the hub, or (offline, phone and name only) the local cache. */
export const SearchSource = z.enum(['hub', 'cache']);

const CheckedSearch = SearchInput.superRefine((input, ctx) => {
  const parsed = parseSearch(input.key, input.value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: parsed.message });
});

export const customerSearchRequests = {
  /** The keys this desk offers (leads choose them); offline: the ones the cache can answer. */
  'customerSearch.keys': {
    input: z.object({}),
    output: api.keys.output.extend({ source: SearchSource }),
  },
  /** Leads and admins: which keys the search screen offers. */
  'customerSearch.setKeys': { input: api.setKeys.input, output: api.setKeys.output },
  /** Customers by one key, masked, ranked; offline a phone or name is looked up in the cache and says so. */
  'customerSearch.search': {
    input: CheckedSearch,
    output: api.search.output.extend({ source: SearchSource }),
  },
  /** A new potential customer from what the contact told (the core makes its id); the thread moves to it. */
  'customerSearch.create': {
    input: NewCustomerInput.omit({ customerId: true }),
    output: api.createCustomer.output,
  },
  /** Puts the thread on a chosen customer, or on a new anonymous one of its own. */
  'customerSearch.attach': {
    input: z.union([
      z.object({ threadId: Id, customerId: Id }).strict(),
      z.object({ threadId: Id, anonymous: z.literal(true) }).strict(),
    ]),
    output: api.attachThread.output,
  },
};

export type { SearchKey };

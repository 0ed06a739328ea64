/**
 * The customer search on the hub's API, every route built from its row in
 * src/shared/hubApi/customerSearchApi.ts (decision 0031, ## Search): search by one key, the keys
 * leads offer, a new potential customer from a contact, and a thread attached to its customer.
 */
import type { FastifyInstance } from 'fastify';
import { ALL_SEARCH_KEYS, SearchKey } from '../../../shared/customers/searchKeys.js';
import { customerSearchApi } from '../../../shared/hubApi/customerSearchApi.js';
import { OknoError } from '../../../shared/errors.js';
import { CustomerSearch } from '../../customers/customerSearch.js';
import { ThreadCustomer } from '../../customers/threadCustomer.js';
import { CustomerSearchRepo } from '../../storage/customerSearchRepo.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

/** The hub meta key holding the keys leads offer (JSON array); absent means every key. */
export const SEARCH_KEYS_META = 'customer_search_keys';

export function registerCustomerSearchRoutes(app: FastifyInstance, store: HubStore): void {
  const search = new CustomerSearch(store, new CustomerSearchRepo(store.db));
  const threads = new ThreadCustomer(store);
  const offered = (): SearchKey[] => {
    const stored = store.meta.get(SEARCH_KEYS_META);
    const parsed = stored ? SearchKey.array().safeParse(JSON.parse(stored)) : null;
    return parsed?.success ? ALL_SEARCH_KEYS.filter((k) => parsed.data.includes(k)) : [...ALL_SEARCH_KEYS];
  };

  endpointRoute(app, customerSearchApi.search, (_agent, { key, value, limit }) => {
    if (!offered().includes(key))
      throw new OknoError(
        'forbidden',
        `searching customers by ${key} is not offered on this desk (a lead chooses the keys)`,
      );
    return search.search(key, value, limit);
  });
  endpointRoute(app, customerSearchApi.keys, () => ({ keys: offered() }));
  endpointRoute(app, customerSearchApi.setKeys, (_agent, { keys }) => {
    store.meta.set(SEARCH_KEYS_META, JSON.stringify(ALL_SEARCH_KEYS.filter((k) => keys.includes(k))));
    return { keys: offered() };
  });
  endpointRoute(app, customerSearchApi.createCustomer, (agent, input) => {
    const { result } = store.write((tx) => threads.create(tx, agent, input));
    const customer = search.result(result.customerId);
    if (!customer) throw new OknoError('not_found', `customer ${result.customerId} does not exist`);
    return { customer, thread: result.thread };
  });
  endpointRoute(
    app,
    customerSearchApi.attachThread,
    (agent, input, { id }) => store.write((tx) => threads.attach(tx, agent, id, input)).result,
  );
}

import type { ContractHandlers } from '../../../shared/contract.js';
import type { customerSearchRequests } from '../../../shared/customers/customerSearchContract.js';
import { parseSearch, type SearchKey } from '../../../shared/customers/searchKeys.js';
import { OknoError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import { CustomerSearchCache } from '../customerSearch/customerSearchCache.js';
import { createCustomerSearchClient } from '../customerSearch/customerSearchClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** Errors that mean "the hub is away", where the cache answers instead. */
const OFFLINE = new Set(['hub_unreachable', 'not_signed_in', 'hub_error']);
/** What the cache can answer: it holds names and phones, never documents. */
const CACHE_KEYS: readonly SearchKey[] = ['phone', 'name'];

function isOffline(error: unknown): boolean {
  return error instanceof OknoError && OFFLINE.has(error.code);
}

/** The search requests of the customer desk: the hub's customerSearchApi, the local cache when it is away. */
export function customerSearchHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof customerSearchRequests> {
  const hub = createCustomerSearchClient({ link: () => deps.session.link() });
  const cache = new CustomerSearchCache(deps.store.db);
  const none = {};
  return {
    'customerSearch.keys': async () => {
      try {
        return { ...(await hub('keys', { params: none, input: none })), source: 'hub' as const };
      } catch (error) {
        if (!isOffline(error)) throw error;
        return { keys: [...CACHE_KEYS], source: 'cache' as const };
      }
    },
    'customerSearch.setKeys': (input) => hub('setKeys', { params: none, input }),
    'customerSearch.search': async (input) => {
      try {
        return { ...(await hub('search', { params: none, input })), source: 'hub' as const };
      } catch (error) {
        if (!isOffline(error) || !CACHE_KEYS.includes(input.key)) throw error;
        const parsed = parseSearch(input.key, input.value);
        if (!parsed.ok) throw error;
        const found =
          parsed.key === 'name' ? cache.byName(parsed.words, input.limit) : cache.byPhone(parsed.value, input.limit);
        return { ...found, source: 'cache' as const };
      }
    },
    'customerSearch.create': (input) =>
      hub('createCustomer', { params: none, input: { ...input, customerId: uuidv7(Date.now()) } }),
    'customerSearch.attach': ({ threadId, ...to }) => hub('attachThread', { params: { id: threadId }, input: to }),
  };
}

/** The search screen's calls to the core (src/shared/customers/customerSearchContract.ts). */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadSearchKeys = createAppAsyncThunk('customerSearch/keys', (_: void, api) =>
  invokeOrReject(api, 'customerSearch.keys', {}),
);

export const saveSearchKeys = createAppAsyncThunk(
  'customerSearch/setKeys',
  (input: RequestInput<'customerSearch.setKeys'>, api) => invokeOrReject(api, 'customerSearch.setKeys', input),
);

export const searchCustomers = createAppAsyncThunk(
  'customerSearch/search',
  (input: RequestInput<'customerSearch.search'>, api) => invokeOrReject(api, 'customerSearch.search', input),
);

export const createFromContact = createAppAsyncThunk(
  'customerSearch/create',
  (input: RequestInput<'customerSearch.create'>, api) => invokeOrReject(api, 'customerSearch.create', input),
);

export const attachThread = createAppAsyncThunk(
  'customerSearch/attach',
  (input: RequestInput<'customerSearch.attach'>, api) => invokeOrReject(api, 'customerSearch.attach', input),
);

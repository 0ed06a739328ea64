/** The local cache's settings and clean-up through the contract; the Settings dialog keeps the answers in its own state. */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadCacheStatus = createAppAsyncThunk('cache/load', (_: void, api) =>
  invokeOrReject(api, 'cache.get', {}),
);

export const updateCacheSettings = createAppAsyncThunk('cache/update', (patch: RequestInput<'cache.update'>, api) =>
  invokeOrReject(api, 'cache.update', patch),
);

export const maintainCache = createAppAsyncThunk('cache/maintain', (_: void, api) =>
  invokeOrReject(api, 'cache.maintain', {}),
);

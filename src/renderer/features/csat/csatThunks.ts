/** Ratings requests through the contract; what they return stays in the components' own state. */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadCsatSettings = createAppAsyncThunk('csat/settings', (_: void, api) =>
  invokeOrReject(api, 'csat.settings', {}),
);

export const saveCsatSettings = createAppAsyncThunk(
  'csat/saveSettings',
  (arg: RequestInput<'csat.saveSettings'>, api) => invokeOrReject(api, 'csat.saveSettings', arg),
);

export const loadRatedLines = createAppAsyncThunk('csat/lines', (_: void, api) =>
  invokeOrReject(api, 'lines.list', {}),
);

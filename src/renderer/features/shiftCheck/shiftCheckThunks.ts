import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

/** The hub's measurement of the check dialled with `token` (shiftCheck.result through the core). */
export const fetchShiftCheckResult = createAppAsyncThunk('shiftCheck/result', (token: string, api) =>
  invokeOrReject(api, 'shiftCheck.result', { token }),
);

/** Stats requests through the contract; the panel keeps the answers in its own state. */
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadStatsNow = createAppAsyncThunk('stats/now', (arg: { timeZone: string }, api) =>
  invokeOrReject(api, 'stats.now', arg),
);

export const loadStatsPeriod = createAppAsyncThunk('stats/period', (arg: { day?: string; timeZone: string }, api) =>
  invokeOrReject(api, 'stats.period', { ...arg, days: 1 }),
);

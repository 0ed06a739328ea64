/** Stats requests through the contract; the panel keeps the answers in its own state. */
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

/** Without a zone the hub answers in its own (whose day "today" is). */
export const loadStatsNow = createAppAsyncThunk('stats/now', (arg: { timeZone?: string }, api) =>
  invokeOrReject(api, 'stats.now', arg),
);

export const loadStatsPeriod = createAppAsyncThunk(
  'stats/period',
  (arg: { day?: string; days?: number; timeZone?: string }, api) =>
    invokeOrReject(api, 'stats.period', { ...arg, days: arg.days ?? 1 }),
);

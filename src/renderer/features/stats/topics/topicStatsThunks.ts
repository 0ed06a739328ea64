/** Stats by topic through the contract; the report keeps the answers in its own state (as the period report). */
import type { RequestInput } from '../../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../../app/thunk.js';

export const loadTopicPeriod = createAppAsyncThunk('topicStats/period', (arg: RequestInput<'topicStats.period'>, api) =>
  invokeOrReject(api, 'topicStats.period', arg),
);

export const loadTopicSeason = createAppAsyncThunk('topicStats/season', (arg: RequestInput<'topicStats.season'>, api) =>
  invokeOrReject(api, 'topicStats.season', arg),
);

export const loadTopicCompare = createAppAsyncThunk(
  'topicStats/compare',
  (arg: RequestInput<'topicStats.compare'>, api) => invokeOrReject(api, 'topicStats.compare', arg),
);

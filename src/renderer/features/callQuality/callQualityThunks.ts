/** Call quality through the contract; the panel keeps the answer in its own state (as the topic report). */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadQualitySummary = createAppAsyncThunk(
  'callQuality/summary',
  (arg: RequestInput<'callQuality.summary'>, api) => invokeOrReject(api, 'callQuality.summary', arg),
);

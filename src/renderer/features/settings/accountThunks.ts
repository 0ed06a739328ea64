/** The signed-in agent's own account through the contract (decision 0025). */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const changePassword = createAppAsyncThunk(
  'account/changePassword',
  (input: RequestInput<'account.changePassword'>, api) => invokeOrReject(api, 'account.changePassword', input),
);

/** Administrators managing agents' accounts through the contract (decision 0025). */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const disableAgent = createAppAsyncThunk('admin/disableAgent', (agentId: string, api) =>
  invokeOrReject(api, 'team.disableAgent', { agentId }),
);

export const enableAgent = createAppAsyncThunk('admin/enableAgent', (agentId: string, api) =>
  invokeOrReject(api, 'team.enableAgent', { agentId }),
);

export const setAgentPassword = createAppAsyncThunk(
  'admin/setPassword',
  (input: RequestInput<'team.setPassword'>, api) => invokeOrReject(api, 'team.setPassword', input),
);

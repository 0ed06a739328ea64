import { createSlice } from '@reduxjs/toolkit';
import type { RequestInput } from '../../../shared/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';

export type SettableStatus = RequestInput<'agent.setStatus'>['status'];

export interface AgentStatusState {
  /** The status being requested, while agent.setStatus runs. */
  requested: SettableStatus | null;
  error: ErrorInfo | null;
}

const initialState: AgentStatusState = { requested: null, error: null };

/** The agent's status itself lives in the session (session.agent); this slice tracks the request. */
export const setAgentStatus = createAppAsyncThunk(
  'agentStatus/set',
  (status: SettableStatus, api) => invokeOrReject(api, 'agent.setStatus', { status }),
  { condition: (_status, { getState }) => getState().agentStatus.requested === null },
);

export const agentStatusSlice = createSlice({
  name: 'agentStatus',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(setAgentStatus.pending, (state, action) => {
        state.requested = action.meta.arg;
        state.error = null;
      })
      .addCase(setAgentStatus.fulfilled, (state) => {
        state.requested = null;
      })
      .addCase(setAgentStatus.rejected, (state, action) => {
        state.requested = null;
        state.error = rejectedInfo(action);
      });
  },
  selectors: {
    selectRequestedStatus: (state) => state.requested,
    selectAgentStatusError: (state) => state.error,
  },
});

export const { selectRequestedStatus, selectAgentStatusError } = agentStatusSlice.selectors;

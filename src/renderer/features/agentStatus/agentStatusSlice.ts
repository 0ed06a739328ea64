import { createSlice } from '@reduxjs/toolkit';
import type { RequestInput, RequestOutput } from '../../../shared/contract.js';
import { DEFAULT_NOT_READY_REASONS } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';

export type SetStatusRequest = RequestInput<'agent.setStatus'>;
export type SettableStatus = SetStatusRequest['status'];
export type AgentStatusSettings = RequestOutput<'agent.statusSettings'>;

export interface AgentStatusState {
  /** The status being requested, while agent.setStatus runs. */
  requested: SettableStatus | null;
  error: ErrorInfo | null;
  /** The hub's not-ready reasons and after-call-work length (defaults until the first answer). */
  settings: AgentStatusSettings;
}

const initialState: AgentStatusState = {
  requested: null,
  error: null,
  settings: { notReadyReasons: [...DEFAULT_NOT_READY_REASONS], afterCallWorkSeconds: 30 },
};

/** The agent's status itself lives in the session (session.agent); this slice tracks the request. */
export const setAgentStatus = createAppAsyncThunk(
  'agentStatus/set',
  (request: SettableStatus | SetStatusRequest, api) =>
    invokeOrReject(api, 'agent.setStatus', typeof request === 'string' ? { status: request } : request),
  { condition: (_request, { getState }) => getState().agentStatus.requested === null },
);

export const loadAgentStatusSettings = createAppAsyncThunk('agentStatus/loadSettings', (_: void, api) =>
  invokeOrReject(api, 'agent.statusSettings', {}),
);

/**
 * The softphone's hook: call this when an answered call ends. The hub puts the agent in after-call
 * work for its configured length (unless they chose not ready or away) and back to ready after.
 */
export const callEnded = createAppAsyncThunk('agentStatus/callEnded', (_: void, api) =>
  invokeOrReject(api, 'agent.callEnded', {}),
);

export const agentStatusSlice = createSlice({
  name: 'agentStatus',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(setAgentStatus.pending, (state, action) => {
        const arg = action.meta.arg;
        state.requested = typeof arg === 'string' ? arg : arg.status;
        state.error = null;
      })
      .addCase(setAgentStatus.fulfilled, (state) => {
        state.requested = null;
      })
      .addCase(setAgentStatus.rejected, (state, action) => {
        state.requested = null;
        state.error = rejectedInfo(action);
      })
      .addCase(loadAgentStatusSettings.fulfilled, (state, action) => {
        state.settings = action.payload;
      })
      .addCase(callEnded.rejected, (state, action) => {
        state.error = rejectedInfo(action);
      });
  },
  selectors: {
    selectRequestedStatus: (state) => state.requested,
    selectAgentStatusError: (state) => state.error,
    selectAgentStatusSettings: (state) => state.settings,
  },
});

export const { selectRequestedStatus, selectAgentStatusError, selectAgentStatusSettings } = agentStatusSlice.selectors;

import { createSlice, isAnyOf, type UnknownAction } from '@reduxjs/toolkit';
import type { RequestInput, RequestOutput, SessionState } from '../../../shared/contract.js';
import type { Agent } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { sessionChanged } from '../../app/coreEvents.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { setAgentStatus } from '../agentStatus/agentStatusSlice.js';

export type AppInfo = RequestOutput<'app.info'>;

export interface SessionSliceState {
  /** 'starting' until session.get has answered once. */
  phase: 'starting' | 'ready';
  startError: ErrorInfo | null;
  signedIn: boolean;
  agent: Agent | null;
  hubUrl: string | null;
  appInfo: AppInfo | null;
  signIn: { pending: boolean; error: ErrorInfo | null };
  signOut: { pending: boolean; error: ErrorInfo | null };
}

export const initialSessionState: SessionSliceState = {
  phase: 'starting',
  startError: null,
  signedIn: false,
  agent: null,
  hubUrl: null,
  appInfo: null,
  signIn: { pending: false, error: null },
  signOut: { pending: false, error: null },
};

export const loadAppInfo = createAppAsyncThunk('session/loadAppInfo', (_: void, api) =>
  invokeOrReject(api, 'app.info', {}),
);

export const loadSession = createAppAsyncThunk('session/load', (_: void, api) =>
  invokeOrReject(api, 'session.get', {}),
);

export const signIn = createAppAsyncThunk('session/signIn', (input: RequestInput<'session.signIn'>, api) =>
  invokeOrReject(api, 'session.signIn', input),
);

export const signOut = createAppAsyncThunk('session/signOut', (_: void, api) =>
  invokeOrReject(api, 'session.signOut', {}),
);

function applySession(state: SessionSliceState, session: SessionState): void {
  state.signedIn = session.signedIn;
  state.agent = session.agent;
  state.hubUrl = session.hubUrl;
}

const sessionUpdated = isAnyOf(loadSession.fulfilled, signIn.fulfilled, signOut.fulfilled, sessionChanged);

/** True for any action after which nobody is signed in: other slices drop their data on it. */
export function isSessionEnded(action: UnknownAction): boolean {
  return sessionUpdated(action) && !action.payload.signedIn;
}

export const sessionSlice = createSlice({
  name: 'session',
  initialState: initialSessionState,
  reducers: {
    signInErrorDismissed(state) {
      state.signIn.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadAppInfo.fulfilled, (state, action) => {
        state.appInfo = action.payload;
      })
      .addCase(loadSession.pending, (state) => {
        state.startError = null;
      })
      .addCase(loadSession.fulfilled, (state) => {
        state.phase = 'ready';
      })
      .addCase(loadSession.rejected, (state, action) => {
        if (state.phase === 'starting') state.startError = rejectedInfo(action);
      })
      .addCase(signIn.pending, (state) => {
        state.signIn = { pending: true, error: null };
      })
      .addCase(signIn.fulfilled, (state) => {
        state.signIn = { pending: false, error: null };
        state.phase = 'ready';
      })
      .addCase(signIn.rejected, (state, action) => {
        state.signIn = { pending: false, error: rejectedInfo(action) };
      })
      .addCase(signOut.pending, (state) => {
        state.signOut = { pending: true, error: null };
      })
      .addCase(signOut.fulfilled, (state) => {
        state.signOut = { pending: false, error: null };
      })
      .addCase(signOut.rejected, (state, action) => {
        state.signOut = { pending: false, error: rejectedInfo(action) };
      })
      .addCase(setAgentStatus.fulfilled, (state, action) => {
        state.agent = action.payload;
      })
      .addCase(sessionChanged, (state) => {
        state.phase = 'ready';
      })
      .addMatcher(sessionUpdated, (state, action) => applySession(state, action.payload));
  },
  selectors: {
    selectPhase: (state) => state.phase,
    selectStartError: (state) => state.startError,
    selectSignedIn: (state) => state.signedIn,
    selectAgent: (state) => state.agent,
    selectAppInfo: (state) => state.appInfo,
    selectSignInState: (state) => state.signIn,
    selectSignOutState: (state) => state.signOut,
  },
});

export const { signInErrorDismissed } = sessionSlice.actions;
export const {
  selectPhase,
  selectStartError,
  selectSignedIn,
  selectAgent,
  selectAppInfo,
  selectSignInState,
  selectSignOutState,
} = sessionSlice.selectors;

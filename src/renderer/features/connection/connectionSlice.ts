import { createSlice } from '@reduxjs/toolkit';
import type { ConnectionState, SyncNotice } from '../../../shared/contract.js';
import { connectionChanged, hostLinkChanged, syncNotice, syncProgress } from '../../app/coreEvents.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';
import type { HostLink } from '../../platform/platform.js';

export interface ConnectionSliceState {
  /** The core's link to the hub; null until connection.get has answered. */
  core: ConnectionState | null;
  /** The renderer's link to the core (only the browser host can lose it). */
  hostLink: HostLink;
  hostLinkSince: number | null;
  /** What the hub did with the agent's messages that they should know (newest last). */
  notices: SyncNotice[];
  /** A catch-up pull under way (first sync): applied so far and still to come; null when there is none. */
  progress: { applied: number; remaining: number } | null;
}

/** Older notices drop off; the failed messages themselves stay in their threads. */
const NOTICES_KEPT = 5;

const initialState: ConnectionSliceState = {
  core: null,
  hostLink: 'up',
  hostLinkSince: null,
  notices: [],
  progress: null,
};

export const loadConnection = createAppAsyncThunk('connection/load', (_: void, api) =>
  invokeOrReject(api, 'connection.get', {}),
);

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {
    noticeDismissed(state, action: { payload: number }) {
      state.notices.splice(action.payload, 1);
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadConnection.fulfilled, (state, action) => {
        state.core = action.payload;
      })
      .addCase(syncProgress, (state, action) => {
        state.progress = action.payload.remaining > 0 ? action.payload : null;
      })
      .addCase(syncNotice, (state, action) => {
        state.notices.push(action.payload);
        if (state.notices.length > NOTICES_KEPT) state.notices.splice(0, state.notices.length - NOTICES_KEPT);
      })
      .addCase(connectionChanged, (state, action) => {
        state.core = action.payload;
      })
      .addCase(hostLinkChanged, (state, action) => {
        if (state.hostLink === action.payload.link) return;
        state.hostLink = action.payload.link;
        state.hostLinkSince = action.payload.at;
      });
  },
  selectors: {
    selectConnection: (state) => state,
  },
});

export type BadgeKind = 'online' | 'connecting' | 'reconnecting' | 'offline' | 'signedOut' | 'hostLost';

export interface Badge {
  kind: BadgeKind;
  /** When the link was lost (offline / reconnecting / hostLost), else null. */
  since: number | null;
  pending: number;
}

/** What the connection badge shows: the renderer↔core link first, then the core↔hub link. */
export function badgeOf(state: ConnectionSliceState): Badge {
  const pending = state.core?.pendingMutations ?? 0;
  if (state.hostLink === 'down') return { kind: 'hostLost', since: state.hostLinkSince, pending };
  if (!state.core) return { kind: 'connecting', since: null, pending };
  const since = state.core.since;
  switch (state.core.status) {
    case 'online':
      return { kind: 'online', since: null, pending };
    case 'connecting':
      return { kind: 'connecting', since: null, pending };
    case 'reconnecting':
      return { kind: 'reconnecting', since, pending };
    case 'offline':
      return { kind: 'offline', since, pending };
    case 'signed_out':
      return { kind: 'signedOut', since: null, pending };
  }
}

/** How far a catch-up pull has come, in whole percent; null when none runs. */
export function syncPercentOf(state: ConnectionSliceState): number | null {
  const progress = state.progress;
  if (!progress) return null;
  return Math.floor((progress.applied / (progress.applied + progress.remaining)) * 100);
}

export const { selectConnection } = connectionSlice.selectors;
export const { noticeDismissed } = connectionSlice.actions;

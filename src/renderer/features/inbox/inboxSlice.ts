import { createAction, createSlice } from '@reduxjs/toolkit';
import type { QueueItem } from '../../../shared/contract.js';
import { LIMITS, type Channel } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { isSessionEnded } from '../session/sessionSlice.js';

export interface InboxState {
  /** Open threads in the order the core gives them (closest to the SLA deadline first). */
  items: QueueItem[];
  total: number;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: ErrorInfo | null;
  /** requestId of the newest queue.list call: older answers are ignored. */
  latestRequestId: string | null;
  selectedId: string | null;
  /** The queue view: every thread or the agent's own, optionally one channel. */
  view: 'all' | 'mine';
  channel: Channel | null;
}

export const initialInboxState: InboxState = {
  items: [],
  total: 0,
  status: 'idle',
  error: null,
  latestRequestId: null,
  selectedId: null,
  view: 'all',
  channel: null,
};

/** One page of the open queue; the largest the contract allows. */
export const fetchQueue = createAppAsyncThunk('inbox/fetchQueue', (_: void, api) => {
  const { view, channel } = api.getState().inbox;
  return invokeOrReject(api, 'queue.list', {
    status: 'open',
    offset: 0,
    limit: LIMITS.pageSize,
    ...(view === 'mine' ? { view } : {}),
    ...(channel ? { channel } : {}),
  });
});

/** The agent chose another queue view; the list is fetched again for it. */
export const queueViewChanged = createAction<{ view: 'all' | 'mine'; channel: Channel | null }>(
  'inbox/queueViewChanged',
);

/** The agent picked a thread; the conversation feature loads it (see conversationListeners). */
export const threadSelected = createAction<string>('inbox/threadSelected');

export const inboxSlice = createSlice({
  name: 'inbox',
  initialState: initialInboxState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(threadSelected, (state, action) => {
        state.selectedId = action.payload;
      })
      .addCase(queueViewChanged, (state, action) => {
        state.view = action.payload.view;
        state.channel = action.payload.channel;
      })
      .addCase(fetchQueue.pending, (state, action) => {
        state.latestRequestId = action.meta.requestId;
        if (state.status !== 'ready') state.status = 'loading';
      })
      .addCase(fetchQueue.fulfilled, (state, action) => {
        if (action.meta.requestId !== state.latestRequestId) return;
        state.items = action.payload.items;
        state.total = action.payload.total;
        state.status = 'ready';
        state.error = null;
      })
      .addCase(fetchQueue.rejected, (state, action) => {
        if (action.meta.requestId !== state.latestRequestId) return;
        // Keep showing the last good queue; only an empty one turns into a failure screen.
        state.status = state.status === 'loading' ? 'failed' : state.status;
        state.error = rejectedInfo(action);
      })
      .addMatcher(isSessionEnded, () => initialInboxState);
  },
  selectors: {
    selectQueueItems: (state) => state.items,
    selectQueueTotal: (state) => state.total,
    selectQueueStatus: (state) => state.status,
    selectQueueError: (state) => state.error,
    selectSelectedThreadId: (state) => state.selectedId,
    selectQueueView: (state) => ({ view: state.view, channel: state.channel }),
  },
});

export const {
  selectQueueItems,
  selectQueueTotal,
  selectQueueStatus,
  selectQueueError,
  selectSelectedThreadId,
  selectQueueView,
} = inboxSlice.selectors;

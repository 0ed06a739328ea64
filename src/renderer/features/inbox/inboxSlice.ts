import { createAction, createSlice } from '@reduxjs/toolkit';
import type { QueueItem, QueueView, RequestOutput, SearchHit } from '../../../shared/contract.js';
import { LIMITS, type Channel, type ThreadStatus } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { errorInfoOf } from '../../platform/platform.js';
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
  /** The queue view (null: the role's default, "all" for leads and admins, "mine" for agents) and its filters. */
  view: QueueView | null;
  channel: Channel | null;
  topic: string | null;
  threadStatus: ThreadStatus;
  /** Threads per view under the same filters, refreshed with every refetch of the queue. */
  counts: RequestOutput<'queue.counts'> | null;
  /** Topics and groups the filters offer. */
  options: RequestOutput<'queue.options'>;
  /** Full-text search over the cached messages (the core's FTS index); null hits: no search made. */
  search: { query: string; hits: SearchHit[] | null; error: ErrorInfo | null };
}

export interface QueueViewChoice {
  view: QueueView | null;
  channel: Channel | null;
  topic?: string | null;
  threadStatus?: ThreadStatus;
}

export const initialInboxState: InboxState = {
  items: [],
  total: 0,
  status: 'idle',
  error: null,
  latestRequestId: null,
  selectedId: null,
  view: null,
  channel: null,
  topic: null,
  threadStatus: 'open',
  counts: null,
  options: { topics: [], groups: [] },
  search: { query: '', hits: null, error: null },
};

/** A page of the queue and, when the core could count them, the threads per view. */
type QueuePage = RequestOutput<'queue.list'> & { counts?: RequestOutput<'queue.counts'> | null };

/** The view shown: the agent's choice, or their role's default. */
export function effectiveView(view: QueueView | null, role: string | undefined): QueueView {
  return view ?? (role === 'agent' ? 'mine' : 'all');
}

/** One page of the open queue; the largest the contract allows. */
export const fetchQueue = createAppAsyncThunk('inbox/fetchQueue', async (_: void, api) => {
  const state = api.getState();
  const { channel, topic, threadStatus } = state.inbox;
  const view = effectiveView(state.inbox.view, state.session.agent?.role);
  const filters = { status: threadStatus, ...(channel ? { channel } : {}), ...(topic ? { topic } : {}) };
  let page: RequestOutput<'queue.list'>;
  try {
    page = await api.extra.invoke('queue.list', {
      ...filters,
      offset: 0,
      limit: LIMITS.pageSize,
      ...(view === 'all' ? {} : { view }),
    });
  } catch (error) {
    return api.rejectWithValue(errorInfoOf(error));
  }
  // The counts ride along with every refetch (each queue change), so they stay live; an older
  // core without them just shows none.
  const counts = await api.extra.invoke('queue.counts', filters).catch(() => null);
  const result: QueuePage = { ...page, counts };
  return result;
});

/** Searches every cached message (Russian and English stems); the hits link to their threads. */
export const searchMessages = createAppAsyncThunk('inbox/search', (query: string, api) =>
  invokeOrReject(api, 'search.messages', { query, limit: 50 }),
);

export const searchCleared = createAction('inbox/searchCleared');

export const loadQueueOptions = createAppAsyncThunk('inbox/loadOptions', (_: void, api) =>
  invokeOrReject(api, 'queue.options', {}),
);

/** The agent chose another queue view or filter; the list is fetched again for it. */
export const queueViewChanged = createAction<QueueViewChoice>('inbox/queueViewChanged');

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
        if (action.payload.topic !== undefined) state.topic = action.payload.topic;
        if (action.payload.threadStatus !== undefined) state.threadStatus = action.payload.threadStatus;
      })
      .addCase(searchMessages.pending, (state, action) => {
        state.search = { query: action.meta.arg, hits: state.search.hits, error: null };
      })
      .addCase(searchMessages.fulfilled, (state, action) => {
        if (action.meta.arg === state.search.query) state.search.hits = action.payload.hits;
      })
      .addCase(searchMessages.rejected, (state, action) => {
        if (action.meta.arg === state.search.query) state.search.error = rejectedInfo(action);
      })
      .addCase(searchCleared, (state) => {
        state.search = initialInboxState.search;
      })
      .addCase(loadQueueOptions.fulfilled, (state, action) => {
        state.options = action.payload;
      })
      .addCase(fetchQueue.pending, (state, action) => {
        state.latestRequestId = action.meta.requestId;
        if (state.status !== 'ready') state.status = 'loading';
      })
      .addCase(fetchQueue.fulfilled, (state, action) => {
        if (action.meta.requestId !== state.latestRequestId) return;
        state.items = action.payload.items;
        state.total = action.payload.total;
        if (action.payload.counts !== undefined) state.counts = action.payload.counts;
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
    selectQueueView: (state) => state,
    selectQueueCounts: (state) => state.counts,
    selectQueueOptions: (state) => state.options,
    selectSearch: (state) => state.search,
  },
});

export const {
  selectQueueItems,
  selectQueueTotal,
  selectQueueStatus,
  selectQueueError,
  selectSelectedThreadId,
  selectQueueView,
  selectQueueCounts,
  selectQueueOptions,
  selectSearch,
} = inboxSlice.selectors;

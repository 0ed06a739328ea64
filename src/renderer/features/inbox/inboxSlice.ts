import { createAction, createSlice } from '@reduxjs/toolkit';
import type { QueueItem, QueueView, RequestOutput, SearchHit } from '../../../shared/contract.js';
import type { CallbackResult, CallbackTask, TransferTarget } from '../../../shared/hubApi/callsApi.js';
import { LIMITS, type Channel, type ThreadStatus } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { errorInfoOf } from '../../platform/platform.js';
import { isSessionEnded } from '../session/sessionSlice.js';
import type { TransferTargets } from './handOver.js';

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
  /** Open callback tasks by thread id (callers who asked to be called back), refreshed with the queue. */
  callbacks: Record<string, CallbackTask>;
  /** Groups, lines and agents a thread or call can be handed to; loaded when a picker first opens. */
  transferTargets: TransferTargets | null;
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
  callbacks: {},
  transferTargets: null,
};

/** A page of the queue and, when the core could count them, the threads per view. */
type QueuePage = RequestOutput<'queue.list'> & {
  counts?: RequestOutput<'queue.counts'> | null;
  callbacks?: CallbackTask[] | null;
};

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
  // Which threads are callback tasks rides along too (a queue change may open or close one).
  const callbacks = await api.extra
    .invoke('callbacks.list', {})
    .then((r) => r.callbacks)
    .catch(() => null);
  const result: QueuePage = { ...page, counts, callbacks };
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

/** Groups, lines and (for leads) agents to hand over to; what cannot be read is left out. */
export const loadTransferTargets = createAppAsyncThunk('inbox/loadTransferTargets', async (_: void, api) => {
  const [groups, lines, team] = await Promise.all([
    api.extra.invoke('groups.list', {}).catch(() => ({ groups: [] })),
    api.extra.invoke('lines.list', {}).catch(() => ({ lines: [], prompts: [] })),
    api.extra.invoke('team.list', {}).catch(() => ({ agents: [] })),
  ]);
  const targets: TransferTargets = {
    groups: groups.groups.map((g) => ({
      id: g.id,
      name: g.name,
      escalationGroupId: g.escalationGroupId,
      memberIds: g.memberIds,
    })),
    lines: lines.lines.map((l) => ({ id: l.id, name: l.name, number: l.number })),
    agents: team.agents.map((a) => ({ id: a.id, name: a.name })),
  };
  return targets;
});

/** Hands a thread to a group, a line or an agent with a note (it re-enters the queue). */
export const transferThread = createAppAsyncThunk(
  'inbox/transferThread',
  (arg: { threadId: string; to: TransferTarget }, api) => invokeOrReject(api, 'thread.transfer', arg),
);

/** The agent called a callback task back: the result is recorded and the task leaves the queue. */
export const completeCallback = createAppAsyncThunk(
  'inbox/completeCallback',
  (arg: { threadId: string; result: CallbackResult }, api) => invokeOrReject(api, 'callback.complete', arg),
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
        if (action.payload.callbacks) state.callbacks = openCallbacks(action.payload.callbacks);
        state.status = 'ready';
        state.error = null;
      })
      .addCase(fetchQueue.rejected, (state, action) => {
        if (action.meta.requestId !== state.latestRequestId) return;
        // Keep showing the last good queue; only an empty one turns into a failure screen.
        state.status = state.status === 'loading' ? 'failed' : state.status;
        state.error = rejectedInfo(action);
      })
      .addCase(loadTransferTargets.fulfilled, (state, action) => {
        state.transferTargets = action.payload;
      })
      .addCase(completeCallback.fulfilled, (state, action) => {
        delete state.callbacks[action.payload.callback.threadId];
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
    selectCallbacks: (state) => state.callbacks,
    selectTransferTargets: (state) => state.transferTargets,
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
  selectCallbacks,
  selectTransferTargets,
} = inboxSlice.selectors;

/** The callback tasks still to call, by thread. */
export function openCallbacks(tasks: readonly CallbackTask[]): Record<string, CallbackTask> {
  const open: Record<string, CallbackTask> = {};
  for (const task of tasks) if (task.state === 'open') open[task.threadId] = task;
  return open;
}

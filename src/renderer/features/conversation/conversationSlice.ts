import { createSlice } from '@reduxjs/toolkit';
import type { Customer, Message, Thread } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { sendMessage } from '../composer/composerSlice.js';
import { threadSelected } from '../inbox/inboxSlice.js';
import { isSessionEnded } from '../session/sessionSlice.js';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface ConversationState {
  /** The open thread; null shows the empty state. */
  threadId: string | null;
  thread: Thread | null;
  customer: Customer | null;
  threadStatus: LoadStatus;
  threadError: ErrorInfo | null;
  /** Oldest first. */
  messages: Message[];
  hasMore: boolean;
  /** The cache let go of older messages (retention) and the hub is out of reach: say so above the list. */
  olderOnHub: boolean;
  messagesStatus: LoadStatus;
  messagesError: ErrorInfo | null;
  loadingOlder: boolean;
}

export const initialConversationState: ConversationState = {
  threadId: null,
  thread: null,
  customer: null,
  threadStatus: 'idle',
  threadError: null,
  messages: [],
  hasMore: false,
  olderOnHub: false,
  messagesStatus: 'idle',
  messagesError: null,
  loadingOlder: false,
};

export const MESSAGE_PAGE = 200;

export const fetchThread = createAppAsyncThunk('conversation/fetchThread', (threadId: string, api) =>
  invokeOrReject(api, 'thread.get', { threadId }),
);

/** The newest page of the thread's messages (merged with any older pages already loaded). */
export const fetchMessages = createAppAsyncThunk('conversation/fetchMessages', (threadId: string, api) =>
  invokeOrReject(api, 'thread.messages', { threadId, limit: MESSAGE_PAGE }),
);

export const fetchOlderMessages = createAppAsyncThunk(
  'conversation/fetchOlderMessages',
  (arg: { threadId: string; before: number }, api) =>
    invokeOrReject(api, 'thread.messages', { threadId: arg.threadId, before: arg.before, limit: MESSAGE_PAGE }),
);

/** A failed message sent again; the agent's explicit decision. */
export const retryMessage = createAppAsyncThunk('conversation/retryMessage', (messageId: string, api) =>
  invokeOrReject(api, 'message.retry', { messageId }),
);

/** A failed message dropped for good. */
export const discardMessage = createAppAsyncThunk('conversation/discardMessage', (messageId: string, api) =>
  invokeOrReject(api, 'message.discard', { messageId }),
);

function byTime(a: Message, b: Message): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Upserts by id (the newer copy wins) and keeps the list in time order. */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of current) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(byTime);
}

export const conversationSlice = createSlice({
  name: 'conversation',
  initialState: initialConversationState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(threadSelected, (state, action) => {
        if (state.threadId === action.payload) return;
        return { ...initialConversationState, threadId: action.payload };
      })
      .addCase(fetchThread.pending, (state, action) => {
        if (action.meta.arg !== state.threadId) return;
        if (state.threadStatus !== 'ready') state.threadStatus = 'loading';
      })
      .addCase(fetchThread.fulfilled, (state, action) => {
        if (action.meta.arg !== state.threadId) return;
        state.thread = action.payload.thread;
        state.customer = action.payload.customer;
        state.threadStatus = 'ready';
        state.threadError = null;
      })
      .addCase(fetchThread.rejected, (state, action) => {
        if (action.meta.arg !== state.threadId) return;
        if (state.threadStatus === 'loading') state.threadStatus = 'failed';
        state.threadError = rejectedInfo(action);
      })
      .addCase(fetchMessages.pending, (state, action) => {
        if (action.meta.arg !== state.threadId) return;
        if (state.messagesStatus !== 'ready') state.messagesStatus = 'loading';
      })
      .addCase(fetchMessages.fulfilled, (state, action) => {
        if (action.meta.arg !== state.threadId) return;
        const firstPage = state.messagesStatus !== 'ready';
        state.messages = mergeMessages(state.messages, action.payload.messages);
        // Only the first page says whether older ones exist; a refresh must not hide "load earlier".
        if (firstPage) state.hasMore = action.payload.hasMore;
        state.olderOnHub = action.payload.olderOnHub ?? false;
        state.messagesStatus = 'ready';
        state.messagesError = null;
      })
      .addCase(fetchMessages.rejected, (state, action) => {
        if (action.meta.arg !== state.threadId) return;
        if (state.messagesStatus === 'loading') state.messagesStatus = 'failed';
        state.messagesError = rejectedInfo(action);
      })
      .addCase(fetchOlderMessages.pending, (state, action) => {
        if (action.meta.arg.threadId === state.threadId) state.loadingOlder = true;
      })
      .addCase(fetchOlderMessages.fulfilled, (state, action) => {
        if (action.meta.arg.threadId !== state.threadId) return;
        state.loadingOlder = false;
        state.messages = mergeMessages(state.messages, action.payload.messages);
        state.hasMore = action.payload.hasMore;
        state.olderOnHub = action.payload.olderOnHub ?? false;
      })
      .addCase(fetchOlderMessages.rejected, (state, action) => {
        if (action.meta.arg.threadId !== state.threadId) return;
        state.loadingOlder = false;
        state.messagesError = rejectedInfo(action);
      })
      .addCase(retryMessage.fulfilled, (state, action) => {
        if (action.payload.threadId !== state.threadId) return;
        state.messages = mergeMessages(state.messages, [action.payload]);
      })
      .addCase(discardMessage.fulfilled, (state, action) => {
        state.messages = state.messages.filter((m) => m.id !== action.payload.messageId);
      })
      .addCase(sendMessage.fulfilled, (state, action) => {
        if (action.payload.threadId !== state.threadId) return;
        state.messages = mergeMessages(state.messages, [action.payload]);
      })
      .addMatcher(isSessionEnded, () => initialConversationState);
  },
  selectors: {
    selectConversation: (state) => state,
    selectOpenThreadId: (state) => state.threadId,
    selectMessages: (state) => state.messages,
  },
});

export const { selectConversation, selectOpenThreadId, selectMessages } = conversationSlice.selectors;

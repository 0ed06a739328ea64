/**
 * Reactions to core events and to state transitions (the Redux style guide's listener
 * middleware): refetch what changed, load what was selected, resync after a lost link.
 */
import { isRejectedWithValue } from '@reduxjs/toolkit';
import { loadConnection } from '../features/connection/connectionSlice.js';
import { fetchMessages, fetchThread } from '../features/conversation/conversationSlice.js';
import { fetchQueue, threadSelected } from '../features/inbox/inboxSlice.js';
import { loadSession } from '../features/session/sessionSlice.js';
import { bootstrap } from './bootstrap.js';
import { hostLinkChanged, messagesChanged, queueChanged } from './coreEvents.js';
import type { AppStartListening } from './store.js';

/** Bursts of change events are coalesced into one refetch after this quiet time. */
export const REFETCH_DEBOUNCE_MS = 100;

export function startAppListeners(startListening: AppStartListening): void {
  // Signed in (by the form, by session.get at start, or by the core): load the workspace.
  startListening({
    predicate: (_action, current, previous) => current.session.signedIn && !previous.session.signedIn,
    effect: (_action, api) => {
      void api.dispatch(fetchQueue());
      void api.dispatch(loadConnection());
    },
  });

  startListening({
    actionCreator: queueChanged,
    effect: async (action, api) => {
      const openId = api.getState().conversation.threadId;
      if (openId && action.payload.threadIds.includes(openId)) void api.dispatch(fetchThread(openId));
      api.cancelActiveListeners();
      await api.delay(REFETCH_DEBOUNCE_MS);
      if (api.getState().session.signedIn) void api.dispatch(fetchQueue());
    },
  });

  startListening({
    actionCreator: messagesChanged,
    effect: async (action, api) => {
      const openId = api.getState().conversation.threadId;
      if (!openId || !action.payload.threadIds.includes(openId)) return;
      api.cancelActiveListeners();
      await api.delay(REFETCH_DEBOUNCE_MS);
      if (api.getState().conversation.threadId === openId) void api.dispatch(fetchMessages(openId));
    },
  });

  startListening({
    actionCreator: threadSelected,
    effect: (action, api) => {
      void api.dispatch(fetchThread(action.payload));
      void api.dispatch(fetchMessages(action.payload));
    },
  });

  // The link to the host came back: events may have been missed, so ask for everything again.
  startListening({
    predicate: (action, current, previous) =>
      hostLinkChanged.match(action) && previous.connection.hostLink === 'down' && current.connection.hostLink === 'up',
    effect: async (_action, api) => {
      await api.dispatch(bootstrap());
      const state = api.getState();
      if (!state.session.signedIn) return;
      void api.dispatch(fetchQueue());
      const openId = state.conversation.threadId;
      if (openId) {
        void api.dispatch(fetchThread(openId));
        void api.dispatch(fetchMessages(openId));
      }
    },
  });

  // The core says we are not (or no longer) signed in: ask it for the session, which ends ours.
  startListening({
    predicate: (action) =>
      isRejectedWithValue(action) && !loadSession.rejected.match(action) && isSessionLost(action.payload),
    effect: (_action, api) => {
      void api.dispatch(loadSession());
    },
  });
}

function isSessionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === 'unauthorized' || error.code === 'not_signed_in';
}

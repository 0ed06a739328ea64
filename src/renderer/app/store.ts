/**
 * The store. The platform (a live object) is the extra argument of thunks and listeners;
 * the store itself only holds plain, serializable data.
 */
import { combineReducers, configureStore, createListenerMiddleware, type TypedStartListening } from '@reduxjs/toolkit';
import { activitiesSlice } from '../features/activities/activitiesSlice.js';
import { startActivityListeners } from '../features/activities/activityListeners.js';
import { adminSlice } from '../features/admin/adminSlice.js';
import { agentStatusSlice } from '../features/agentStatus/agentStatusSlice.js';
import { composerSlice } from '../features/composer/composerSlice.js';
import { connectionSlice } from '../features/connection/connectionSlice.js';
import { conversationSlice } from '../features/conversation/conversationSlice.js';
import { emailBodySlice } from '../features/conversation/emailBodySlice.js';
import { startCustomerListeners } from '../features/customer/customerListeners.js';
import { customerSlice } from '../features/customer/customerSlice.js';
import { customerSearchSlice } from '../features/customerSearch/customerSearchSlice.js';
import { inboxSlice } from '../features/inbox/inboxSlice.js';
import { sessionSlice } from '../features/session/sessionSlice.js';
import { settingsSlice } from '../features/settings/settingsSlice.js';
import { softphoneSlice } from '../features/softphone/softphoneSlice.js';
import { statsSlice } from '../features/stats/statsSlice.js';
import { typingSlice } from '../features/channels/typingSlice.js';
import { knowledgeSlice } from '../features/knowledge/knowledgeSlice.js';
import { registerSlice } from '../features/register/registerSlice.js';
import type { Platform } from '../platform/platform.js';
import { startAppListeners } from './listeners.js';

export const rootReducer = combineReducers({
  [sessionSlice.reducerPath]: sessionSlice.reducer,
  [settingsSlice.reducerPath]: settingsSlice.reducer,
  [connectionSlice.reducerPath]: connectionSlice.reducer,
  [agentStatusSlice.reducerPath]: agentStatusSlice.reducer,
  [inboxSlice.reducerPath]: inboxSlice.reducer,
  [conversationSlice.reducerPath]: conversationSlice.reducer,
  [emailBodySlice.reducerPath]: emailBodySlice.reducer,
  [customerSlice.reducerPath]: customerSlice.reducer,
  [customerSearchSlice.reducerPath]: customerSearchSlice.reducer,
  [composerSlice.reducerPath]: composerSlice.reducer,
  [softphoneSlice.reducerPath]: softphoneSlice.reducer,
  [statsSlice.reducerPath]: statsSlice.reducer,
  [adminSlice.reducerPath]: adminSlice.reducer,
  [typingSlice.reducerPath]: typingSlice.reducer,
  [knowledgeSlice.reducerPath]: knowledgeSlice.reducer,
  [registerSlice.reducerPath]: registerSlice.reducer,
  [activitiesSlice.reducerPath]: activitiesSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function createAppStore(platform: Platform, preloadedState?: Partial<RootState>) {
  const listenerMiddleware = createListenerMiddleware({ extra: platform });
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) =>
      getDefaultMiddleware({ thunk: { extraArgument: platform } }).prepend(listenerMiddleware.middleware),
  });
  startAppListeners(listenerMiddleware.startListening as AppStartListening);
  startCustomerListeners(listenerMiddleware.startListening as AppStartListening);
  startActivityListeners(listenerMiddleware.startListening as AppStartListening);
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
export type AppStartListening = TypedStartListening<RootState, AppDispatch, Platform>;

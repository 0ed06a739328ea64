/**
 * The card follows what the agent looks at (the open thread's customer, a known caller) and what
 * the core reports (a card or its threads changed), refetching after a short quiet time.
 */
import { customersChanged, messagesChanged, queueChanged } from '../../app/coreEvents.js';
import type { AppStartListening } from '../../app/store.js';
import { fetchThread } from '../conversation/conversationSlice.js';
import { callerFound } from '../softphone/softphoneSlice.js';
import { createCustomer, customerShown, loadCustomer, loadHistory, loadTimeline } from './customerSlice.js';

const REFETCH_DEBOUNCE_MS = 150;

export function startCustomerListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: fetchThread.fulfilled,
    effect: (action, api) => {
      if (api.getState().conversation.threadId !== action.meta.arg) return;
      api.dispatch(customerShown(action.payload.thread.customerId));
    },
  });

  // A known caller's card comes up with the call.
  startListening({
    actionCreator: callerFound,
    effect: (action, api) => {
      const customer = action.payload.caller.customer;
      if (customer) api.dispatch(customerShown(customer.id));
    },
  });

  // Only a different customer loads anew (the open thread's refetch re-announces the same one).
  startListening({
    predicate: (action, current, previous) =>
      customerShown.match(action) && current.customer.customerId !== previous.customer.customerId,
    effect: (_action, api) => {
      const id = api.getState().customer.customerId;
      if (!id) return;
      void api.dispatch(loadCustomer(id));
      void api.dispatch(loadTimeline({ customerId: id }));
      void api.dispatch(loadHistory(id));
    },
  });

  startListening({
    actionCreator: createCustomer.fulfilled,
    effect: (action, api) => {
      const id = action.payload.customer?.id;
      if (!id) return;
      void api.dispatch(loadCustomer(id));
      void api.dispatch(loadTimeline({ customerId: id }));
    },
  });

  startListening({
    predicate: (action, state) => {
      const shown = state.customer.customerId;
      if (!shown) return false;
      if (customersChanged.match(action)) {
        const ids = action.payload.customerIds;
        return ids.includes(shown) || (state.customer.customer !== null && ids.includes(state.customer.customer.id));
      }
      if (messagesChanged.match(action) || queueChanged.match(action)) {
        const threads = new Set(state.customer.timeline.threads.map((t) => t.id));
        // An empty list means "everything may have changed" (the replica was rebuilt).
        return action.payload.threadIds.length === 0 || action.payload.threadIds.some((id) => threads.has(id));
      }
      return false;
    },
    effect: async (_action, api) => {
      api.cancelActiveListeners();
      await api.delay(REFETCH_DEBOUNCE_MS);
      const id = api.getState().customer.customerId;
      if (!id) return;
      void api.dispatch(loadCustomer(id));
      void api.dispatch(loadTimeline({ customerId: id }));
      void api.dispatch(loadHistory(id));
    },
  });
}

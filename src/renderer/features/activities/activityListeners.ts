/**
 * The queue rows say which threads are planned activities: that list is read again with every
 * refetch of the queue (a queue change may have queued or closed one), as the callback tasks are.
 * When that set changes (the hub's clock queued one, someone completed one), the open card's and
 * conversation's lists are read again too, so they never say "planned" for one already in the queue.
 */
import type { AppStartListening } from '../../app/store.js';
import { fetchQueue } from '../inbox/inboxSlice.js';
import { loadCustomerActivities, loadQueuedActivities, loadThreadActivities } from './activitiesSlice.js';

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const left = Object.keys(a);
  return left.length === Object.keys(b).length && left.every((key) => key in b);
}

export function startActivityListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: fetchQueue.fulfilled,
    effect: (_action, api) => {
      // One read at a time: a burst of queue refetches ends in one more read, not one each.
      api.cancelActiveListeners();
      void api.dispatch(loadQueuedActivities());
    },
  });

  startListening({
    predicate: (action, current, previous) =>
      loadQueuedActivities.fulfilled.match(action) && !sameKeys(current.activities.queued, previous.activities.queued),
    effect: (_action, api) => {
      const state = api.getState();
      const customerId = state.customer.customerId;
      if (customerId && state.activities.byCustomer[customerId]) void api.dispatch(loadCustomerActivities(customerId));
      const threadId = state.conversation.threadId;
      if (threadId && state.activities.byThread[threadId]) void api.dispatch(loadThreadActivities(threadId));
    },
  });
}

/**
 * The queue rows say which threads are planned activities: that list is read again with every
 * refetch of the queue (a queue change may have queued or closed one), as the callback tasks are.
 */
import type { AppStartListening } from '../../app/store.js';
import { fetchQueue } from '../inbox/inboxSlice.js';
import { loadQueuedActivities } from './activitiesSlice.js';

export function startActivityListeners(startListening: AppStartListening): void {
  startListening({
    actionCreator: fetchQueue.fulfilled,
    effect: (_action, api) => {
      // One read at a time: a burst of queue refetches ends in one more read, not one each.
      api.cancelActiveListeners();
      void api.dispatch(loadQueuedActivities());
    },
  });
}

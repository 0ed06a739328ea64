/**
 * Planned activities in the renderer (decision 0036): the ones whose thread is in the queue (for the
 * queue rows), per customer (the card) and per thread (the conversation), and who they can be planned
 * for. All of it is read from the hub through the core; nothing here is cached across sessions.
 */
import { createSlice } from '@reduxjs/toolkit';
import type { Activity, ActivityTargets, PlanActivityInput } from '../../../shared/activities/activity.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { RootState } from '../../app/store.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export interface ActivitiesState {
  /** Activities in the queue now, by the thread opened for them. */
  queued: Record<string, Activity>;
  byCustomer: Record<string, Activity[]>;
  byThread: Record<string, Activity[]>;
  targets: ActivityTargets | null;
  /** The last failed cancel or done, shown beside the list it came from. */
  actionError: ErrorInfo | null;
}

export const initialActivitiesState: ActivitiesState = {
  queued: {},
  byCustomer: {},
  byThread: {},
  targets: null,
  actionError: null,
};

export const loadQueuedActivities = createAppAsyncThunk('activities/loadQueued', (_: void, api) =>
  invokeOrReject(api, 'activities.queued', {}),
);

export const loadCustomerActivities = createAppAsyncThunk('activities/loadCustomer', (customerId: string, api) =>
  invokeOrReject(api, 'activities.ofCustomer', { customerId }),
);

export const loadThreadActivities = createAppAsyncThunk('activities/loadThread', (threadId: string, api) =>
  invokeOrReject(api, 'activities.ofThread', { threadId }),
);

export const loadActivityTargets = createAppAsyncThunk('activities/loadTargets', (_: void, api) =>
  invokeOrReject(api, 'activities.targets', {}),
);

/** Everything that may show an activity is read again after it changed. */
function refreshAround(dispatch: (action: unknown) => unknown, activity: Activity): void {
  void dispatch(loadQueuedActivities());
  void dispatch(loadCustomerActivities(activity.customerId));
  if (activity.originThreadId) void dispatch(loadThreadActivities(activity.originThreadId));
  if (activity.queuedThreadId) void dispatch(loadThreadActivities(activity.queuedThreadId));
}

export const planActivity = createAppAsyncThunk('activities/plan', async (input: PlanActivityInput, api) => {
  const result = await invokeOrReject(api, 'activities.plan', input);
  if ('id' in result) refreshAround(api.dispatch, result);
  return result;
});

export const cancelActivity = createAppAsyncThunk('activities/cancel', async (activityId: string, api) => {
  const result = await invokeOrReject(api, 'activities.cancel', { activityId });
  if ('id' in result) refreshAround(api.dispatch, result);
  return result;
});

export const completeActivity = createAppAsyncThunk('activities/done', async (activityId: string, api) => {
  const result = await invokeOrReject(api, 'activities.done', { activityId });
  if ('id' in result) refreshAround(api.dispatch, result);
  return result;
});

export const activitiesSlice = createSlice({
  name: 'activities',
  initialState: initialActivitiesState,
  reducers: {
    activityErrorDismissed(state) {
      state.actionError = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadQueuedActivities.fulfilled, (state, action) => {
        const queued: Record<string, Activity> = {};
        for (const activity of action.payload.activities)
          if (activity.queuedThreadId) queued[activity.queuedThreadId] = activity;
        state.queued = queued;
      })
      .addCase(loadCustomerActivities.fulfilled, (state, action) => {
        state.byCustomer[action.meta.arg] = action.payload.activities;
      })
      .addCase(loadThreadActivities.fulfilled, (state, action) => {
        state.byThread[action.meta.arg] = action.payload.activities;
      })
      .addCase(loadActivityTargets.fulfilled, (state, action) => {
        state.targets = action.payload;
      })
      .addCase(cancelActivity.pending, (state) => {
        state.actionError = null;
      })
      .addCase(completeActivity.pending, (state) => {
        state.actionError = null;
      })
      .addCase(cancelActivity.rejected, (state, action) => {
        state.actionError = action.payload ?? { code: 'internal', message: action.error.message ?? 'unknown error' };
      })
      .addCase(completeActivity.rejected, (state, action) => {
        state.actionError = action.payload ?? { code: 'internal', message: action.error.message ?? 'unknown error' };
      });
  },
});

export const { activityErrorDismissed } = activitiesSlice.actions;

const NONE: Activity[] = [];
export const selectQueuedActivity = (state: RootState, threadId: string): Activity | undefined =>
  state.activities.queued[threadId];
export const selectCustomerActivities = (state: RootState, customerId: string): Activity[] =>
  state.activities.byCustomer[customerId] ?? NONE;
export const selectThreadActivities = (state: RootState, threadId: string): Activity[] =>
  state.activities.byThread[threadId] ?? NONE;
export const selectActivityTargets = (state: RootState) => state.activities.targets;
export const selectActivityError = (state: RootState) => state.activities.actionError;

/** The topic tree and wrap-up through the contract (decision 0032); results live in the components that ask. */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadTopicTree = createAppAsyncThunk('topics/tree', (_: void, api) =>
  invokeOrReject(api, 'topics.tree', {}),
);

export const saveTopic = createAppAsyncThunk('topics/save', (arg: RequestInput<'topics.save'>, api) =>
  invokeOrReject(api, 'topics.save', arg),
);

export const moveTopic = createAppAsyncThunk('topics/move', (arg: RequestInput<'topics.move'>, api) =>
  invokeOrReject(api, 'topics.move', arg),
);

export const retireTopic = createAppAsyncThunk('topics/retire', (arg: { topicId: string; retired: boolean }, api) =>
  arg.retired
    ? invokeOrReject(api, 'topics.retire', { topicId: arg.topicId })
    : invokeOrReject(api, 'topics.restore', { topicId: arg.topicId }),
);

export const loadTopicChanges = createAppAsyncThunk('topics/changes', (topicId: string, api) =>
  invokeOrReject(api, 'topics.changes', { topicId, limit: 200 }),
);

export const loadThreadTopics = createAppAsyncThunk('topics/forThread', (threadId: string, api) =>
  invokeOrReject(api, 'topics.forThread', { threadId }),
);

export const setThreadTopics = createAppAsyncThunk(
  'topics/setForThread',
  (arg: RequestInput<'topics.setForThread'>, api) => invokeOrReject(api, 'topics.setForThread', arg),
);

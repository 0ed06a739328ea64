/**
 * Team-settings requests through the contract. The tabs keep what they load in their own state
 * (nothing here is shared app state); a rejected call carries the hub's ErrorInfo and issues.
 */
import type { RequestInput } from '../../../shared/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadTeam = createAppAsyncThunk('admin/team', (_: void, api) => invokeOrReject(api, 'team.list', {}));

export const saveCapacity = createAppAsyncThunk('admin/capacity', (arg: RequestInput<'team.setCapacity'>, api) =>
  invokeOrReject(api, 'team.setCapacity', arg),
);

export const loadGroups = createAppAsyncThunk('admin/groups', (_: void, api) => invokeOrReject(api, 'groups.list', {}));

export const saveGroup = createAppAsyncThunk('admin/saveGroup', (arg: RequestInput<'groups.save'>, api) =>
  invokeOrReject(api, 'groups.save', arg),
);

export const deleteGroup = createAppAsyncThunk('admin/deleteGroup', (groupId: string, api) =>
  invokeOrReject(api, 'groups.delete', { groupId }),
);

export const loadAutoReplies = createAppAsyncThunk('admin/autoReplies', (_: void, api) =>
  invokeOrReject(api, 'autoReplies.list', {}),
);

export const saveAutoReplies = createAppAsyncThunk(
  'admin/saveAutoReplies',
  (arg: RequestInput<'autoReplies.save'>, api) => invokeOrReject(api, 'autoReplies.save', arg),
);

/** Read through the core from the hub (the status picker keeps its own copy in agentStatusSlice). */
export const loadStatusSettings = createAppAsyncThunk('admin/statusSettings', (_: void, api) =>
  invokeOrReject(api, 'agent.statusSettings', {}),
);

export const saveStatusSettings = createAppAsyncThunk(
  'admin/saveStatusSettings',
  (arg: RequestInput<'statusSettings.save'>, api) => invokeOrReject(api, 'statusSettings.save', arg),
);

export const loadWidgetTopics = createAppAsyncThunk('admin/widgetTopics', (_: void, api) =>
  invokeOrReject(api, 'widgetTopics.list', {}),
);

export const saveWidgetTopics = createAppAsyncThunk(
  'admin/saveWidgetTopics',
  (arg: RequestInput<'widgetTopics.save'>, api) => invokeOrReject(api, 'widgetTopics.save', arg),
);

export const saveTemplate = createAppAsyncThunk('admin/saveTemplate', (arg: RequestInput<'templates.save'>, api) =>
  invokeOrReject(api, 'templates.save', arg),
);

export const deleteTemplate = createAppAsyncThunk('admin/deleteTemplate', (templateId: string, api) =>
  invokeOrReject(api, 'templates.delete', { templateId }),
);

export const exportLibrary = createAppAsyncThunk('admin/exportLibrary', (format: 'json' | 'csv', api) =>
  invokeOrReject(api, 'templates.export', { format }),
);

export const importLibrary = createAppAsyncThunk('admin/importLibrary', (arg: RequestInput<'templates.import'>, api) =>
  invokeOrReject(api, 'templates.import', arg),
);

export type Settled<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Awaits an unwrapped thunk: its value, or the ErrorInfo it was rejected with. */
export async function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    const info = error as Partial<ErrorInfo> | null;
    if (info && typeof info.code === 'string' && typeof info.message === 'string') {
      return { ok: false, error: info as ErrorInfo };
    }
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Template requests through the contract; components keep the results in their own state (nothing here is shared app state). */
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadTemplates = createAppAsyncThunk('templates/load', (_: void, api) =>
  invokeOrReject(api, 'templates.list', {}),
);

export const loadSuggestions = createAppAsyncThunk('templates/suggest', (arg: { threadId: string }, api) =>
  invokeOrReject(api, 'templates.suggest', { threadId: arg.threadId, limit: 3 }),
);

export const renderTemplateFor = createAppAsyncThunk(
  'templates/render',
  (arg: { templateId: string; threadId: string }, api) => invokeOrReject(api, 'templates.render', arg),
);

export const templateChosen = createAppAsyncThunk(
  'templates/chosen',
  (arg: { templateId: string; threadId: string }, api) => invokeOrReject(api, 'templates.chosen', arg),
);

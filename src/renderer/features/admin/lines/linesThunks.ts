/**
 * Requests of the Lines and Blocklist tabs through the contract (forwarded by the core to the hub's
 * calls API). Like the other tabs, each keeps what it loads in its own state.
 */
import type { RequestInput } from '../../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../../app/thunk.js';

export const loadLines = createAppAsyncThunk('admin/lines', (_: void, api) => invokeOrReject(api, 'lines.list', {}));

export const saveLine = createAppAsyncThunk('admin/saveLine', (arg: RequestInput<'lines.save'>, api) =>
  invokeOrReject(api, 'lines.save', arg),
);

export const deleteLine = createAppAsyncThunk('admin/deleteLine', (lineId: string, api) =>
  invokeOrReject(api, 'lines.delete', { lineId }),
);

export const uploadPrompt = createAppAsyncThunk('admin/uploadPrompt', (arg: RequestInput<'prompts.upload'>, api) =>
  invokeOrReject(api, 'prompts.upload', arg),
);

/** `promptId` is the bare uuid of `upload:<uuid>`. */
export const deletePrompt = createAppAsyncThunk('admin/deletePrompt', (promptId: string, api) =>
  invokeOrReject(api, 'prompts.delete', { promptId }),
);

export const loadBlocks = createAppAsyncThunk('admin/blocks', (_: void, api) =>
  invokeOrReject(api, 'blocklist.list', {}),
);

export const addBlock = createAppAsyncThunk('admin/addBlock', (arg: RequestInput<'blocklist.add'>, api) =>
  invokeOrReject(api, 'blocklist.add', arg),
);

export const removeBlock = createAppAsyncThunk('admin/removeBlock', (blockId: string, api) =>
  invokeOrReject(api, 'blocklist.remove', { blockId }),
);

/**
 * Identification requests through the contract. What they return is kept in the components' own
 * state, never in the store: commercial data must not outlive the card that shows it (decision 0031).
 */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadIdentification = createAppAsyncThunk('identification/state', (threadId: string, api) =>
  invokeOrReject(api, 'identification.state', { threadId }),
);

export const answerQuestion = createAppAsyncThunk(
  'identification/answer',
  (arg: RequestInput<'identification.answer'>, api) => invokeOrReject(api, 'identification.answer', arg),
);

export const openCommercial = createAppAsyncThunk('identification/commercial', (threadId: string, api) =>
  invokeOrReject(api, 'identification.commercial', { threadId }),
);

export const loadProducts = createAppAsyncThunk('identification/products', (threadId: string, api) =>
  invokeOrReject(api, 'identification.products', { threadId }),
);

export const loadIdentificationSettings = createAppAsyncThunk('identification/settings', (_: void, api) =>
  invokeOrReject(api, 'identification.settings', {}),
);

export const saveIdentificationSettings = createAppAsyncThunk(
  'identification/saveSettings',
  (arg: RequestInput<'identification.saveSettings'>, api) => invokeOrReject(api, 'identification.saveSettings', arg),
);

export const loadBankAdapter = createAppAsyncThunk('identification/bankAdapter', (_: void, api) =>
  invokeOrReject(api, 'bankAdapter.get', {}),
);

export const saveBankAdapter = createAppAsyncThunk(
  'identification/saveBankAdapter',
  (arg: RequestInput<'bankAdapter.save'>, api) => invokeOrReject(api, 'bankAdapter.save', arg),
);

export const loadAudit = createAppAsyncThunk('identification/audit', (arg: RequestInput<'audit.list'>, api) =>
  invokeOrReject(api, 'audit.list', arg),
);

export const exportAudit = createAppAsyncThunk('identification/exportAudit', (arg: RequestInput<'audit.export'>, api) =>
  invokeOrReject(api, 'audit.export', arg),
);

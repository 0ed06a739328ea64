/**
 * Requests of the Customers tab through the contract (forwarded by the core to the hub's
 * customerImportApi): file chunks, the job, export chunks. The tab keeps what they return in its state.
 */
import type { RequestInput } from '../../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../../app/thunk.js';

export const sendImportChunk = createAppAsyncThunk(
  'customerImport/upload',
  (arg: RequestInput<'customerImport.upload'>, api) => invokeOrReject(api, 'customerImport.upload', arg),
);

export const startImportJob = createAppAsyncThunk(
  'customerImport/start',
  (arg: RequestInput<'customerImport.start'>, api) => invokeOrReject(api, 'customerImport.start', arg),
);

export const readImportJob = createAppAsyncThunk('customerImport/job', (jobId: string, api) =>
  invokeOrReject(api, 'customerImport.job', { jobId }),
);

export const createCustomerExport = createAppAsyncThunk(
  'customerImport/export',
  (arg: RequestInput<'customerExport.create'>, api) => invokeOrReject(api, 'customerExport.create', arg),
);

export const readExportChunk = createAppAsyncThunk(
  'customerImport/exportChunk',
  (arg: RequestInput<'customerExport.chunk'>, api) => invokeOrReject(api, 'customerExport.chunk', arg),
);

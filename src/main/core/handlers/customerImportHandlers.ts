import type { ContractHandlers } from '../../../shared/contract.js';
import type { customerImportRequests } from '../../../shared/customers/customerImportContract.js';
import { customerImportApi } from '../../../shared/hubApi/customerImportApi.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall } from '../hubApi/hubCall.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The last upload chunk makes the preview and an export is built before it answers: both may take a while. */
const IMPORT_CALL_TIMEOUT_MS = 120_000;

/**
 * The import requests of the customer desk, forwarded to the hub's customerImportApi chunk by chunk:
 * the core holds no part of the bank's file or of an export.
 */
export function customerImportHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof customerImportRequests> {
  const hubCall = createHubCall(
    { link: () => deps.session.link(), timeoutMs: IMPORT_CALL_TIMEOUT_MS },
    'customer import',
  );
  const api = customerImportApi;
  const none = {};
  return {
    'customerImport.upload': ({ uploadId, ...chunk }) =>
      callEndpoint(hubCall, api.uploadChunk, { params: { uploadId }, input: chunk }),
    'customerImport.start': (input) => callEndpoint(hubCall, api.startJob, { params: none, input }),
    'customerImport.job': ({ jobId }) => callEndpoint(hubCall, api.job, { params: { jobId }, input: none }),
    'customerExport.create': (input) => callEndpoint(hubCall, api.createExport, { params: none, input }),
    'customerExport.chunk': ({ exportId, offset }) =>
      callEndpoint(hubCall, api.exportChunk, { params: { exportId }, input: { offset } }),
  };
}

/**
 * The core's side of the hub's recording API (src/shared/hubApi/recordingApi.ts): every row called by
 * name through callEndpoint. Recordings live on the hub; the core keeps nothing of them.
 */
import { recordingApi } from '../../../shared/hubApi/recordingApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type RecordingApi = typeof recordingApi;
export type RecordingEndpointName = keyof RecordingApi;

export interface RecordingClient {
  call<K extends RecordingEndpointName>(
    name: K,
    args: EndpointArgs<RecordingApi[K]>,
  ): Promise<EndpointOutput<RecordingApi[K]>>;
}

export function createRecordingClient(deps: HubCallDeps): RecordingClient {
  const hubCall = createHubCall(deps, 'recording');
  return { call: (name, args) => callEndpoint(hubCall, recordingApi[name], args) };
}

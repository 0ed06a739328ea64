/** The core's side of the hub's call-quality API (src/shared/hubApi/callQualityApi.ts). */
import { callQualityApi } from '../../../shared/hubApi/callQualityApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type CallQualityApi = typeof callQualityApi;

export interface CallQualityClient {
  call<K extends keyof CallQualityApi>(
    name: K,
    args: EndpointArgs<CallQualityApi[K]>,
  ): Promise<EndpointOutput<CallQualityApi[K]>>;
}

export function createCallQualityClient(deps: HubCallDeps): CallQualityClient {
  const hubCall = createHubCall(deps, 'call quality');
  return { call: (name, args) => callEndpoint(hubCall, callQualityApi[name], args) };
}

/**
 * The core's side of the hub's quality-scoring API (src/shared/hubApi/qaApi.ts): every row called by
 * name through callEndpoint.
 */
import { qaApi } from '../../../shared/hubApi/qaApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type QaApi = typeof qaApi;
export type QaEndpointName = keyof QaApi;

export interface QaClient {
  call<K extends QaEndpointName>(name: K, args: EndpointArgs<QaApi[K]>): Promise<EndpointOutput<QaApi[K]>>;
}

export function createQaClient(deps: HubCallDeps): QaClient {
  const hubCall = createHubCall(deps, 'quality scoring');
  return { call: (name, args) => callEndpoint(hubCall, qaApi[name], args) };
}

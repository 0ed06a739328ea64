/**
 * The core's side of the hub's ratings API (src/shared/hubApi/csatApi.ts): every row called by name
 * through callEndpoint. Settings and rating addresses live on the hub; the core keeps nothing of them.
 */
import { csatApi } from '../../../shared/hubApi/csatApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type CsatApi = typeof csatApi;

export interface CsatClient {
  call<K extends keyof CsatApi>(name: K, args: EndpointArgs<CsatApi[K]>): Promise<EndpointOutput<CsatApi[K]>>;
}

export function createCsatClient(deps: HubCallDeps): CsatClient {
  const hubCall = createHubCall(deps, 'csat');
  return { call: (name, args) => callEndpoint(hubCall, csatApi[name], args) };
}

/**
 * The core's side of the hub's register API (src/shared/hubApi/registerApi.ts): every row called by
 * name through callEndpoint. The register lives on the hub; the core keeps nothing of it.
 */
import { registerApi } from '../../../shared/hubApi/registerApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type RegisterApi = typeof registerApi;
export type RegisterEndpointName = keyof RegisterApi;

export interface RegisterClient {
  call<K extends RegisterEndpointName>(
    name: K,
    args: EndpointArgs<RegisterApi[K]>,
  ): Promise<EndpointOutput<RegisterApi[K]>>;
}

export function createRegisterClient(deps: HubCallDeps): RegisterClient {
  const hubCall = createHubCall(deps, 'register');
  return { call: (name, args) => callEndpoint(hubCall, registerApi[name], args) };
}

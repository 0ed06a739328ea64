/**
 * The core's side of the hub's identification API (src/shared/hubApi/identificationApi.ts): every row
 * called by name through callEndpoint. Nothing here keeps what it gets: commercial data goes straight
 * back to the renderer.
 */
import { identificationApi } from '../../../shared/hubApi/identificationApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type IdentificationApi = typeof identificationApi;
export type IdentificationEndpointName = keyof IdentificationApi;

export interface IdentificationClient {
  call<K extends IdentificationEndpointName>(
    name: K,
    args: EndpointArgs<IdentificationApi[K]>,
  ): Promise<EndpointOutput<IdentificationApi[K]>>;
}

export function createIdentificationClient(deps: HubCallDeps): IdentificationClient {
  const hubCall = createHubCall(deps, 'identification');
  return { call: (name, args) => callEndpoint(hubCall, identificationApi[name], args) };
}

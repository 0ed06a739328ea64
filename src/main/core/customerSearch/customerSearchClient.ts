/**
 * The core's side of the hub's customer search API (src/shared/hubApi/customerSearchApi.ts): every
 * row called by name through callEndpoint, so no path is written here a second time.
 */
import { customerSearchApi } from '../../../shared/hubApi/customerSearchApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';

type Api = typeof customerSearchApi;

export type CustomerSearchClient = <K extends keyof Api>(
  name: K,
  args: EndpointArgs<Api[K]>,
) => Promise<EndpointOutput<Api[K]>>;

export function createCustomerSearchClient(deps: HubCallDeps): CustomerSearchClient {
  const hubCall = createHubCall(deps, 'customer search');
  return (name, args) => callEndpoint(hubCall, customerSearchApi[name], args);
}

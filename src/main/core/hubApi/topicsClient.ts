/**
 * The core's side of the hub's topic API (src/shared/hubApi/topicsApi.ts): every row called by name
 * through callEndpoint. The tree and a contact's topics are read from the hub when asked, not cached.
 */
import { topicsApi } from '../../../shared/hubApi/topicsApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type TopicsApi = typeof topicsApi;
export type TopicsEndpointName = keyof TopicsApi;

export interface TopicsClient {
  call<K extends TopicsEndpointName>(name: K, args: EndpointArgs<TopicsApi[K]>): Promise<EndpointOutput<TopicsApi[K]>>;
}

export function createTopicsClient(deps: HubCallDeps): TopicsClient {
  const hubCall = createHubCall(deps, 'topics');
  return { call: (name, args) => callEndpoint(hubCall, topicsApi[name], args) };
}

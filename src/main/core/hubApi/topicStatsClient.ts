/**
 * The core's side of the hub's stats-by-topic API (src/shared/hubApi/topicStatsApi.ts): every row
 * called by name through callEndpoint. Figures pass straight to the renderer; nothing is cached.
 */
import { topicStatsApi } from '../../../shared/hubApi/topicStatsApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type TopicStatsApi = typeof topicStatsApi;
export type TopicStatsEndpointName = keyof TopicStatsApi;

export interface TopicStatsClient {
  call<K extends TopicStatsEndpointName>(
    name: K,
    args: EndpointArgs<TopicStatsApi[K]>,
  ): Promise<EndpointOutput<TopicStatsApi[K]>>;
}

export function createTopicStatsClient(deps: HubCallDeps): TopicStatsClient {
  const hubCall = createHubCall(deps, 'topic stats');
  return { call: (name, args) => callEndpoint(hubCall, topicStatsApi[name], args) };
}

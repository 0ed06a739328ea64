/**
 * The core's side of the hub's knowledge-base API (src/shared/hubApi/knowledgeApi.ts): every row
 * called by name through callEndpoint.
 */
import { knowledgeApi } from '../../../shared/hubApi/knowledgeApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type KnowledgeApi = typeof knowledgeApi;
export type KnowledgeEndpointName = keyof KnowledgeApi;

export interface KnowledgeClient {
  call<K extends KnowledgeEndpointName>(
    name: K,
    args: EndpointArgs<KnowledgeApi[K]>,
  ): Promise<EndpointOutput<KnowledgeApi[K]>>;
}

export function createKnowledgeClient(deps: HubCallDeps): KnowledgeClient {
  const hubCall = createHubCall(deps, 'knowledge base');
  return { call: (name, args) => callEndpoint(hubCall, knowledgeApi[name], args) };
}

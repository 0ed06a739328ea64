/**
 * The core's side of the hub's planned-activities API (src/shared/hubApi/activitiesApi.ts): every row
 * called by name through callEndpoint.
 */
import { activitiesApi } from '../../../shared/hubApi/activitiesApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type ActivitiesApi = typeof activitiesApi;
export type ActivitiesEndpointName = keyof ActivitiesApi;

export interface ActivitiesClient {
  call<K extends ActivitiesEndpointName>(
    name: K,
    args: EndpointArgs<ActivitiesApi[K]>,
  ): Promise<EndpointOutput<ActivitiesApi[K]>>;
}

export function createActivitiesClient(deps: HubCallDeps): ActivitiesClient {
  const hubCall = createHubCall(deps, 'planned activities');
  return { call: (name, args) => callEndpoint(hubCall, activitiesApi[name], args) };
}

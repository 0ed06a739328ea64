/**
 * The core's side of the hub's live-monitoring API (src/shared/hubApi/monitoringApi.ts): every row
 * called by name through callEndpoint.
 */
import { monitoringApi } from '../../../shared/hubApi/monitoringApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type MonitoringApi = typeof monitoringApi;
export type MonitoringEndpointName = keyof MonitoringApi;

export interface MonitoringClient {
  call<K extends MonitoringEndpointName>(
    name: K,
    args: EndpointArgs<MonitoringApi[K]>,
  ): Promise<EndpointOutput<MonitoringApi[K]>>;
}

export function createMonitoringClient(deps: HubCallDeps): MonitoringClient {
  const hubCall = createHubCall(deps, 'live monitoring');
  return { call: (name, args) => callEndpoint(hubCall, monitoringApi[name], args) };
}

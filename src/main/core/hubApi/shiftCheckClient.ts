/** The core's side of the hub's shift-check API (src/shared/hubApi/shiftCheckApi.ts). */
import { shiftCheckApi } from '../../../shared/hubApi/shiftCheckApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type ShiftCheckApi = typeof shiftCheckApi;

export interface ShiftCheckClient {
  call<K extends keyof ShiftCheckApi>(
    name: K,
    args: EndpointArgs<ShiftCheckApi[K]>,
  ): Promise<EndpointOutput<ShiftCheckApi[K]>>;
}

export function createShiftCheckClient(deps: HubCallDeps): ShiftCheckClient {
  const hubCall = createHubCall(deps, 'the microphone and network check');
  return { call: (name, args) => callEndpoint(hubCall, shiftCheckApi[name], args) };
}

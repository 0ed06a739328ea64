/**
 * Live monitoring's contract requests for components (decision 0039): one thunk that calls the core,
 * and a hook that gives a typed function resolving with the output or rejecting with the ErrorInfo.
 */
import { useCallback } from 'react';
import type { RequestInput, RequestOutput } from '../../../shared/contract.js';
import type { monitoringRequests } from '../../../shared/monitoring/monitoringContract.js';
import { useAppDispatch } from '../../app/hooks.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export type MonitoringRequest = keyof typeof monitoringRequests;

export type MonitoringInvoke = <N extends MonitoringRequest>(
  name: N,
  input: RequestInput<N>,
) => Promise<RequestOutput<N>>;

const monitoringRequest = createAppAsyncThunk(
  'monitoring/request',
  (args: { name: MonitoringRequest; input: unknown }, api) =>
    invokeOrReject(api, args.name, args.input as RequestInput<MonitoringRequest>) as Promise<unknown>,
);

export function useMonitoringInvoke(): MonitoringInvoke {
  const dispatch = useAppDispatch();
  return useCallback(
    <N extends MonitoringRequest>(name: N, input: RequestInput<N>) =>
      dispatch(monitoringRequest({ name, input })).unwrap() as Promise<RequestOutput<N>>,
    [dispatch],
  );
}

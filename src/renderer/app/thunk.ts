import { createAsyncThunk } from '@reduxjs/toolkit';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { errorInfoOf, type Platform } from '../platform/platform.js';
import type { AppDispatch, RootState } from './store.js';

/** Thunks get the platform as their extra argument and reject with the core's ErrorInfo. */
export const createAppAsyncThunk = createAsyncThunk.withTypes<{
  state: RootState;
  dispatch: AppDispatch;
  extra: Platform;
  rejectValue: ErrorInfo;
}>();

/** One contract call inside a thunk: the output, or rejectWithValue(ErrorInfo). */
export async function invokeOrReject<N extends RequestName, R>(
  api: { extra: Platform; rejectWithValue: (value: ErrorInfo) => R },
  name: N,
  input: RequestInput<N>,
): Promise<RequestOutput<N> | R> {
  try {
    return await api.extra.invoke(name, input);
  } catch (error) {
    return api.rejectWithValue(errorInfoOf(error));
  }
}

/** The ErrorInfo of a rejected thunk action, also when something escaped rejectWithValue (a bug). */
export function rejectedInfo(action: {
  payload?: ErrorInfo | undefined;
  error: { message?: string | undefined };
}): ErrorInfo {
  return action.payload ?? { code: 'internal', message: action.error.message ?? 'unknown error' };
}

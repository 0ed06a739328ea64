/**
 * Quality scoring's one data pattern (decision 0042): every read and change goes through `callQa`
 * (one thunk for the contract's qa.* requests). Nothing is cached or pushed: a view reads when it
 * opens and again after its own changes (`reload`).
 */
import { useCallback, useEffect, useState } from 'react';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import type { AppDispatch } from '../../app/store.js';
import { createAppAsyncThunk } from '../../app/thunk.js';
import { errorInfoOf } from '../../platform/platform.js';

export type QaRequest = Extract<RequestName, `qa.${string}`>;

export const callQa = createAppAsyncThunk('qa/call', async (arg: { name: QaRequest; input: unknown }, api) => {
  try {
    return (await api.extra.invoke(arg.name, arg.input as never)) as unknown;
  } catch (error) {
    return api.rejectWithValue(errorInfoOf(error));
  }
});

export type Settled<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** One qa request; settles without throwing. */
export async function settleQa<N extends QaRequest>(
  dispatch: AppDispatch,
  name: N,
  input: RequestInput<N>,
): Promise<Settled<RequestOutput<N>>> {
  const result = await dispatch(callQa({ name, input }));
  if (callQa.fulfilled.match(result)) return { ok: true, value: result.payload as RequestOutput<N> };
  return { ok: false, error: result.payload ?? { code: 'internal', message: String(result.error.message) } };
}

export interface QaData<T> {
  data: T | null;
  error: ErrorInfo | null;
  reload: () => void;
}

/** Reads one request while mounted and whenever its input changes; a null input reads nothing. */
export function useQaData<N extends QaRequest>(name: N, input: RequestInput<N> | null): QaData<RequestOutput<N>> {
  const dispatch = useAppDispatch();
  const [state, setState] = useState<{ data: RequestOutput<N> | null; error: ErrorInfo | null }>({
    data: null,
    error: null,
  });
  const [again, setAgain] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    void settleQa(dispatch, name, JSON.parse(key) as RequestInput<N>).then((result) => {
      if (!current) return;
      setState((s) => (result.ok ? { data: result.value, error: null } : { data: s.data, error: result.error }));
    });
    return () => {
      current = false;
    };
  }, [dispatch, name, key, again]);
  const reload = useCallback(() => setAgain((n) => n + 1), []);
  return { ...state, reload };
}

export function useQaAction() {
  const dispatch = useAppDispatch();
  return useCallback(
    <N extends QaRequest>(name: N, input: RequestInput<N>) => settleQa(dispatch, name, input),
    [dispatch],
  );
}

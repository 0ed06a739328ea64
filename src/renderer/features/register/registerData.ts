/**
 * The register's one data pattern: every read and change goes through `callRegister` (one thunk for
 * the contract's register.* requests); `useRegisterData` reads and reads again whenever the register
 * changed (the slice's revision); `useRegisterAction` changes and bumps the revision on success.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import type { AppDispatch } from '../../app/store.js';
import { createAppAsyncThunk } from '../../app/thunk.js';
import { errorInfoOf } from '../../platform/platform.js';
import { registerChanged, selectRegisterRevision } from './registerSlice.js';

export type RegisterRequest = Extract<RequestName, `register.${string}`>;

/** The requests that change the register (a success bumps the revision so readers load again). */
export const REGISTER_CHANGES: ReadonlySet<RegisterRequest> = new Set<RegisterRequest>([
  'register.saveType',
  'register.saveCalendar',
  'register.create',
  'register.update',
  'register.comment',
  'register.link',
  'register.attach',
  'register.letter',
]);

/** One register request through the contract; rejects with the core's ErrorInfo. */
export const callRegister = createAppAsyncThunk(
  'register/call',
  async (arg: { name: RegisterRequest; input: unknown }, api) => {
    try {
      const output: unknown = await api.extra.invoke(arg.name, arg.input as never);
      if (REGISTER_CHANGES.has(arg.name)) api.dispatch(registerChanged());
      return output;
    } catch (error) {
      return api.rejectWithValue(errorInfoOf(error));
    }
  },
);

/** Calls one register request and resolves with its typed output (rejects with ErrorInfo). */
export function runRegister<N extends RegisterRequest>(
  dispatch: AppDispatch,
  name: N,
  input: RequestInput<N>,
): Promise<RequestOutput<N>> {
  return dispatch(callRegister({ name, input })).unwrap() as Promise<RequestOutput<N>>;
}

/** A success or the ErrorInfo of a failure, without throwing. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export async function settleRegister<N extends RegisterRequest>(
  dispatch: AppDispatch,
  name: N,
  input: RequestInput<N>,
): Promise<Settled<RequestOutput<N>>> {
  try {
    return { ok: true, value: await runRegister(dispatch, name, input) };
  } catch (error) {
    return { ok: false, error: asErrorInfo(error) };
  }
}

function asErrorInfo(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) return error as ErrorInfo;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export interface RegisterData<T> {
  data: T | null;
  error: ErrorInfo | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads one register request while mounted, again when its input changes or the register changed.
 * A null input reads nothing. What was read stays shown while the next read runs.
 */
export function useRegisterData<N extends RegisterRequest>(
  name: N,
  input: RequestInput<N> | null,
): RegisterData<RequestOutput<N>> {
  const dispatch = useAppDispatch();
  const revision = useAppSelector(selectRegisterRevision);
  const [state, setState] = useState<{ data: RequestOutput<N> | null; error: ErrorInfo | null; loading: boolean }>({
    data: null,
    error: null,
    loading: input !== null,
  });
  const [again, setAgain] = useState(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    void settleRegister(dispatch, name, JSON.parse(key) as RequestInput<N>).then((result) => {
      if (!current) return;
      setState((s) =>
        result.ok
          ? { data: result.value, error: null, loading: false }
          : { data: s.data, error: result.error, loading: false },
      );
    });
    return () => {
      current = false;
    };
  }, [dispatch, name, key, revision, again]);

  const reload = useCallback(() => setAgain((n) => n + 1), []);
  return { ...state, reload };
}

/** The dispatch-bound change: `run(name, input)` settles without throwing. */
export function useRegisterAction() {
  const dispatch = useAppDispatch();
  return useCallback(
    <N extends RegisterRequest>(name: N, input: RequestInput<N>) => settleRegister(dispatch, name, input),
    [dispatch],
  );
}

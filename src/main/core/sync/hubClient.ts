import type { z } from 'zod';
import { isErrorCode, OknoError, type ErrorCode } from '../../../shared/errors.js';
import { LoginResponse, PullResponse, PushResponse, SYNC_API, type Mutation } from '../../../shared/sync.js';
import { describeIssues } from '../../../shared/validation.js';
import { hubEndpoint } from './hubUrl.js';

/** Where to reach the hub and as whom. */
export interface HubSession {
  hubUrl: string;
  token: string;
  /** Aborts requests in flight when the session stops. */
  signal?: AbortSignal;
}

/** The hub's HTTP API (src/shared/sync.ts); every answer is validated before it is believed. */
export interface HubClient {
  login(hubUrl: string, login: string, password: string): Promise<LoginResponse>;
  /** `continued`: a later page of the same pull, for which the hub does not count `remaining` again. */
  pull(session: HubSession, after: number, limit: number, continued?: boolean): Promise<PullResponse>;
  push(session: HubSession, mutations: Mutation[]): Promise<PushResponse>;
}

export interface HubClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Errors worth trying again later: the hub was away, overloaded or broken, not refusing us. */
export function isRetryable(error: unknown): boolean {
  return error instanceof OknoError && ['hub_unreachable', 'hub_error', 'rate_limited'].includes(error.code);
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The hub answers errors as `{ error: { code, message } }`; tolerate a flat `{ code, message }` too. */
function errorFromBody(body: unknown): { code?: ErrorCode; message?: string } {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const inner = (typeof record.error === 'object' && record.error !== null ? record.error : record) as Record<
    string,
    unknown
  >;
  return {
    code: isErrorCode(inner.code) ? inner.code : undefined,
    message: typeof inner.message === 'string' ? inner.message : undefined,
  };
}

function statusError(status: number, body: unknown, what: string, hubUrl: string, isLogin: boolean): OknoError {
  const detail = errorFromBody(body);
  const message = `${what} at ${hubUrl} failed with HTTP ${status}${detail.message ? `: ${detail.message}` : ''}`;
  if (status === 401) return new OknoError(isLogin ? 'invalid_credentials' : 'unauthorized', message);
  if (status === 429) return new OknoError('rate_limited', message);
  if (status >= 500) return new OknoError('hub_error', message);
  return new OknoError(detail.code ?? 'hub_error', message);
}

export function createHubClient(options: HubClientOptions = {}): HubClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const fetchImpl = options.fetch ?? fetch;

  async function call<S extends z.ZodType>(
    schema: S,
    hubUrl: string,
    path: string,
    init: RequestInit,
    what: string,
    stop?: AbortSignal,
  ): Promise<z.output<S>> {
    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
      response = await fetchImpl(hubEndpoint(hubUrl, path), { ...init, signal });
      text = await response.text();
    } catch (error) {
      throw new OknoError(
        'hub_unreachable',
        `the hub at ${hubUrl} is not reachable (${describeFetchFailure(error, timeoutMs)})`,
      );
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) throw statusError(response.status, body, what, hubUrl, path === SYNC_API.login);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new OknoError(
        'hub_error',
        `${what} at ${hubUrl} gave an unexpected answer: ${describeIssues(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  const json = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  return {
    login: (hubUrl, login, password) =>
      call(
        LoginResponse,
        hubUrl,
        SYNC_API.login,
        {
          method: 'POST',
          headers: json(),
          body: JSON.stringify({ login, password }),
        },
        'sign-in',
      ),
    pull: (session, after, limit, continued = false) =>
      call(
        PullResponse,
        session.hubUrl,
        `${SYNC_API.pull}?after=${after}&limit=${limit}${continued ? '&continued=1' : ''}`,
        { method: 'GET', headers: json(session.token) },
        'pull',
        session.signal,
      ),
    push: (session, mutations) =>
      call(
        PushResponse,
        session.hubUrl,
        SYNC_API.push,
        { method: 'POST', headers: json(session.token), body: JSON.stringify({ mutations }) },
        'push',
        session.signal,
      ),
  };
}

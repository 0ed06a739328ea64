/**
 * Calls to the hub's API outside sync (templates, thread actions): the signed-in session's token,
 * a timeout, the hub's error codes kept, and every answer validated before it is believed.
 */
import type { z } from 'zod';
import { isErrorCode, OknoError } from '../../../shared/errors.js';
import { describeIssues } from '../../../shared/validation.js';
import { hubEndpoint } from '../sync/hubUrl.js';

export interface HubCallDeps {
  link(): { hubUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type HubCall = <S extends z.ZodType>(schema: S, path: string, body?: unknown) => Promise<z.output<S>>;

export function createHubCall(deps: HubCallDeps, what: string): HubCall {
  const fetchImpl = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  return async (schema, path, body) => {
    const link = deps.link();
    if (!link) throw new OknoError('not_signed_in', `sign in to use ${what}`);
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(hubEndpoint(link.hubUrl, path), {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${link.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new OknoError('hub_unreachable', `the hub at ${link.hubUrl} is not reachable (${String(error)})`);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: string } } | undefined)?.error;
      const code =
        response.status === 401
          ? 'unauthorized'
          : response.status === 404
            ? 'not_found'
            : isErrorCode(error?.code) && response.status < 500
              ? error.code
              : 'hub_error';
      throw new OknoError(code, `${what}: ${error?.message ?? `HTTP ${response.status}`}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new OknoError('hub_error', `${what}: unexpected answer: ${describeIssues(parsed.error)}`);
    return parsed.data;
  };
}

/**
 * Calls to the hub's API outside sync (templates, thread actions): the signed-in session's token,
 * a timeout, the hub's error codes kept, and every answer validated before it is believed.
 */
import { z } from 'zod';
import { isErrorCode, OknoError } from '../../../shared/errors.js';
import { describeIssues } from '../../../shared/validation.js';
import { hubEndpoint } from '../sync/hubUrl.js';

export interface HubCallDeps {
  link(): { hubUrl: string; token: string } | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface HubCallOptions {
  /** Default: GET without a body, POST with one. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The answer is text (a CSV export), checked by the schema as a string rather than parsed as JSON. */
  text?: boolean;
}

export type HubCall = <S extends z.ZodType>(
  schema: S,
  path: string,
  body?: unknown,
  options?: HubCallOptions,
) => Promise<z.output<S>>;

export function createHubCall(deps: HubCallDeps, what: string): HubCall {
  const fetchImpl = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  return async (schema, path, body, options = {}) => {
    const link = deps.link();
    if (!link) throw new OknoError('not_signed_in', `sign in to use ${what}`);
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(hubEndpoint(link.hubUrl, path), {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: options.text ? 'text/*, application/json' : 'application/json',
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
      const error = (
        json as { error?: { code?: unknown; message?: string; issues?: unknown; params?: unknown } } | undefined
      )?.error;
      const code =
        response.status === 401
          ? 'unauthorized'
          : response.status === 404
            ? 'not_found'
            : isErrorCode(error?.code) && response.status < 500
              ? error.code
              : 'hub_error';
      // The hub's field-level issues (a rule's line and reason) reach the form that sent them.
      // …and so do the values a translated sentence names (a file's encoding and the byte where it broke).
      throw new OknoError(
        code,
        `${what}: ${error?.message ?? `HTTP ${response.status}`}`,
        issuesFrom(error?.issues),
        paramsFrom(error?.params),
      );
    }
    const parsed = schema.safeParse(options.text ? text : json);
    if (!parsed.success)
      throw new OknoError('hub_error', `${what}: unexpected answer: ${describeIssues(parsed.error)}`);
    return parsed.data;
  };
}

const Issues = z.array(z.object({ path: z.string().max(500), message: z.string().max(2000) })).max(100);

const Params = z.record(z.string().max(100), z.union([z.string().max(2000), z.number()]));

function paramsFrom(value: unknown): Record<string, string | number> | undefined {
  const parsed = Params.safeParse(value);
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
}

function issuesFrom(value: unknown): { path: string; message: string }[] | undefined {
  const parsed = Issues.safeParse(value);
  return parsed.success && parsed.data.length > 0 ? parsed.data : undefined;
}

/**
 * Calls one row of a src/shared/hubApi table: its method, its path with the params filled in, the
 * input as the JSON body (POST, PUT, PATCH) or the query (GET, DELETE), and the answer checked by
 * the row's output schema. Every core client of the hub's API goes through here, so no path is
 * written in the core a second time.
 */
import type { z } from 'zod';
import { OknoError } from '../../../shared/errors.js';
import { fillPath, type Endpoint } from '../../../shared/hubApi/endpoint.js';
import { describeIssues, issuesOf } from '../../../shared/validation.js';
import type { HubCall } from './hubCall.js';

export type AnyEndpoint = Endpoint<z.ZodType, z.ZodType, z.ZodType>;

/** What a call of one row needs: the path's params and the input, each as its schema reads it. */
export interface EndpointArgs<E extends AnyEndpoint> {
  params: z.input<E['params']>;
  input: z.input<E['input']>;
}

export type EndpointOutput<E extends AnyEndpoint> = z.output<E['output']>;

/** Calls one API row through `call`: the request is built from the row alone. */
export async function callEndpoint<E extends AnyEndpoint>(
  call: HubCall,
  row: E,
  args: EndpointArgs<E>,
): Promise<EndpointOutput<E>> {
  // Both are checked before they leave: a wrong param is the core's bug, not the hub's; a wrong
  // input is refused as the hub would refuse it (bad_request, with the fields named).
  const params = row.params.parse(args.params) as Record<string, unknown>;
  const parsed = row.input.safeParse(args.input);
  if (!parsed.success) {
    throw new OknoError('bad_request', `invalid input: ${describeIssues(parsed.error)}`, issuesOf(parsed.error));
  }
  const input: unknown = parsed.data;
  const path = fillPath(row.path, params);
  if (row.method === 'GET' || row.method === 'DELETE') {
    return call<E['output']>(row.output, path + queryOf(input), undefined, { method: row.method });
  }
  return call<E['output']>(row.output, path, input, { method: row.method });
}

/** `?a=1&b=x` from an input's defined fields (the query form of GET and DELETE), or "". */
export function queryOf(input: unknown): string {
  if (input === null || typeof input !== 'object') return '';
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    query.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

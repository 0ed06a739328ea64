/**
 * The core's side of the hub's calls API (src/shared/hubApi/callsApi.ts): any row is called by
 * name — its method, its path with the params filled in, the input as the JSON body (POST, PUT) or
 * the query (GET, DELETE), and the answer checked by the row's output schema. No path is written
 * here a second time.
 */
import type { z } from 'zod';
import type { ParsedInput, RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { callsApi } from '../../../shared/hubApi/callsApi.js';
import { fillPath, type Endpoint } from '../../../shared/hubApi/endpoint.js';
import { describeIssues, issuesOf } from '../../../shared/validation.js';
import { createHubCall, type HubCall, type HubCallDeps } from './hubCall.js';

type AnyEndpoint = Endpoint<z.ZodType, z.ZodType, z.ZodType>;

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

type CallsApi = typeof callsApi;
export type CallsEndpointName = keyof CallsApi;

export interface CallsClient {
  /** Any row of callsApi by name. */
  call<K extends CallsEndpointName>(name: K, args: EndpointArgs<CallsApi[K]>): Promise<EndpointOutput<CallsApi[K]>>;
  lines(): Promise<RequestOutput<'lines.list'>>;
  saveLine(input: ParsedInput<'lines.save'>): Promise<RequestOutput<'lines.save'>>;
  deleteLine(lineId: string): Promise<RequestOutput<'lines.delete'>>;
  uploadPrompt(input: ParsedInput<'prompts.upload'>): Promise<RequestOutput<'prompts.upload'>>;
  deletePrompt(promptId: string): Promise<RequestOutput<'prompts.delete'>>;
  blocks(): Promise<RequestOutput<'blocklist.list'>>;
  addBlock(input: ParsedInput<'blocklist.add'>): Promise<RequestOutput<'blocklist.add'>>;
  removeBlock(blockId: string): Promise<RequestOutput<'blocklist.remove'>>;
  transfer(input: ParsedInput<'thread.transfer'>): Promise<RequestOutput<'thread.transfer'>>;
  callbacks(): Promise<RequestOutput<'callbacks.list'>>;
  completeCallback(input: ParsedInput<'callback.complete'>): Promise<RequestOutput<'callback.complete'>>;
  setMyPhone(input: ParsedInput<'softphone.registered'>): Promise<RequestOutput<'softphone.registered'>>;
}

export function createCallsClient(deps: HubCallDeps): CallsClient {
  const hubCall = createHubCall(deps, 'calls');
  const call: CallsClient['call'] = (name, args) => callEndpoint(hubCall, callsApi[name], args);
  const none = {};
  return {
    call,
    lines: () => call('listLines', { params: none, input: none }),
    saveLine: ({ id, ...line }) =>
      id ? call('updateLine', { params: { id }, input: line }) : call('createLine', { params: none, input: line }),
    deleteLine: (lineId) => call('deleteLine', { params: { id: lineId }, input: none }),
    uploadPrompt: (input) => call('uploadPrompt', { params: none, input }),
    deletePrompt: (promptId) => call('deletePrompt', { params: { id: promptId }, input: none }),
    blocks: () => call('listBlocks', { params: none, input: none }),
    addBlock: (input) => call('addBlock', { params: none, input }),
    removeBlock: (blockId) => call('removeBlock', { params: { id: blockId }, input: none }),
    transfer: ({ threadId, to }) => call('transfer', { params: { id: threadId }, input: to }),
    callbacks: () => call('callbacks', { params: none, input: none }),
    completeCallback: ({ threadId, result }) =>
      call('completeCallback', { params: { id: threadId }, input: { result } }),
    setMyPhone: (input) => call('setMyPhone', { params: none, input }),
  };
}

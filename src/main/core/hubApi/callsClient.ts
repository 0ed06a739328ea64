/**
 * The core's side of the hub's calls API (src/shared/hubApi/callsApi.ts): any row is called by
 * name through callEndpoint. No path is written here a second time.
 */
import type { ParsedInput, RequestOutput } from '../../../shared/contract.js';
import { callsApi } from '../../../shared/hubApi/callsApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

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

/**
 * What an agent does to a thread on the hub besides replying: take it, close it, and read the
 * history of routing decisions and auto-replies, each called by its row of
 * src/shared/hubApi/routingApi.ts. The resulting thread comes back through sync.
 */
import type { RequestOutput } from '../../../shared/contract.js';
import { routingApi } from '../../../shared/hubApi/routingApi.js';
import { callEndpoint } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

export interface ThreadActions {
  take(threadId: string): Promise<RequestOutput<'thread.take'>>;
  close(threadId: string): Promise<RequestOutput<'thread.close'>>;
  events(threadId: string): Promise<RequestOutput<'thread.events'>>;
}

export function createThreadActions(deps: HubCallDeps): ThreadActions {
  const call = createHubCall(deps, 'thread');
  const onThread = (threadId: string) => ({ params: { id: threadId }, input: {} });
  return {
    take: async (threadId) => ({ thread: await callEndpoint(call, routingApi.take, onThread(threadId)) }),
    close: async (threadId) => ({ thread: await callEndpoint(call, routingApi.close, onThread(threadId)) }),
    async events(threadId) {
      const reply = await callEndpoint(call, routingApi.events, onThread(threadId));
      return {
        events: reply.events.map(({ id, kind, text, createdAt, data }) => ({ id, kind, text, createdAt, data })),
      };
    },
  };
}

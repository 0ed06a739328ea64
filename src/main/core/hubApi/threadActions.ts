/**
 * What an agent does to a thread on the hub besides replying: take it, close it, and read the
 * history of routing decisions and auto-replies. The resulting thread comes back through sync.
 */
import { z } from 'zod';
import type { RequestOutput } from '../../../shared/contract.js';
import { Thread } from '../../../shared/domain.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

export interface ThreadActions {
  take(threadId: string): Promise<RequestOutput<'thread.take'>>;
  close(threadId: string): Promise<RequestOutput<'thread.close'>>;
  events(threadId: string): Promise<RequestOutput<'thread.events'>>;
}

const EventsReply = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      text: z.string(),
      createdAt: z.number(),
      data: z.record(z.string(), z.unknown()).catch({}).default({}),
    }),
  ),
});

export function createThreadActions(deps: HubCallDeps): ThreadActions {
  const call = createHubCall(deps, 'thread');
  const path = (threadId: string, action: string) => `/api/v1/threads/${encodeURIComponent(threadId)}/${action}`;
  return {
    take: async (threadId) => ({ thread: await call(Thread, path(threadId, 'take'), {}) }),
    close: async (threadId) => ({ thread: await call(Thread, path(threadId, 'close'), {}) }),
    async events(threadId) {
      const reply = await call(EventsReply, path(threadId, 'events'));
      return {
        events: reply.events.map(({ id, kind, text, createdAt, data }) => ({ id, kind, text, createdAt, data })),
      };
    },
  };
}

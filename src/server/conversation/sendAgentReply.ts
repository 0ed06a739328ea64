/** An agent's reply: stored as sent, the thread answered (SLA clock stopped) and assigned if it was not. */
import type { Agent, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { oneLine, PREVIEW_MAX } from './preview.js';
import { clearCallbacks } from '../calls/callThreads.js';

export interface AgentReplyInput {
  agent: Agent;
  threadId: string;
  messageId: string;
  text: string;
}

export function sendAgentReply(tx: Tx, store: HubStore, input: AgentReplyInput): { thread: Thread; message: Message } {
  const current = store.threads.byId(input.threadId);
  if (!current) throw new OknoError('not_found', `thread ${input.threadId} does not exist`);
  if (store.messages.byId(input.messageId)) {
    throw new OknoError('conflict', `message ${input.messageId} already exists (sent by another mutation)`);
  }
  // The hub's clock, not the client's createdAt: the customer receives it now, whenever it was typed.
  const message: Message = {
    id: input.messageId,
    threadId: current.id,
    direction: 'out',
    author: { kind: 'agent', id: input.agent.id, name: input.agent.name },
    text: input.text,
    status: 'sent',
    createdAt: tx.now,
  };
  store.messages.insert(tx, message);
  // An answer accepts the offer: the thread stays with whoever answered it.
  store.routing.markOffered(current.id, null);
  // Answered in this channel: a callback the customer left on the phone is no longer needed.
  clearCallbacks(tx, store, current.customerId, current.id);
  const thread: Thread = {
    ...current,
    assigneeId: current.assigneeId ?? input.agent.id,
    slaDueAt: null,
    lastMessageAt: tx.now,
    lastMessagePreview: oneLine(input.text, PREVIEW_MAX),
    updatedAt: tx.now,
  };
  store.threads.save(tx, thread);
  return { thread, message };
}

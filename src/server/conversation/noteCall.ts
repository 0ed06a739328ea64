/**
 * The agent's notes and topic on a call saved after it was logged (during after-call work): one
 * more system message in the call's phone thread, so the history keeps every version. Only the
 * agent the call thread belongs to may annotate it.
 */
import type { Agent, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { callNoteText, type CallNote } from '../../shared/softphone/callLog.js';
import type { EntityRef } from '../storage/changeLog.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { oneLine, PREVIEW_MAX } from './preview.js';

export function noteCall(tx: Tx, store: HubStore, agent: Agent, note: CallNote): EntityRef[] {
  const thread = store.threads.byId(note.threadId);
  if (!thread || thread.channel !== 'phone')
    throw new OknoError('not_found', `call thread ${note.threadId} does not exist`);
  if (thread.assigneeId !== agent.id) {
    throw new OknoError('forbidden', `call thread ${note.threadId} belongs to another agent`);
  }
  if (store.messages.byId(note.messageId))
    throw new OknoError('conflict', `message id ${note.messageId} is already taken`);
  const text = callNoteText(note);
  if (text === '') throw new OknoError('bad_request', 'a call note needs notes or a topic');
  const message: Message = {
    id: note.messageId,
    threadId: thread.id,
    direction: 'out',
    author: { kind: 'system', id: null, name: agent.name },
    text,
    status: 'sent',
    createdAt: tx.now,
  };
  store.messages.insert(tx, message);
  const updated: Thread = {
    ...thread,
    lastMessageAt: Math.max(thread.lastMessageAt, tx.now),
    lastMessagePreview: oneLine(text, PREVIEW_MAX),
    updatedAt: tx.now,
  };
  store.threads.save(tx, updated);
  return [
    ['thread', thread.id],
    ['message', message.id],
  ];
}

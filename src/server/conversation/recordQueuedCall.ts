/**
 * The softphone's record of a call that came through the queue (or called a callback task back):
 * it adds the summary message, the holds and the notes to the queue's thread instead of making a
 * thread of its own. The hub already wrote when the call entered the queue, was answered and ended
 * (the `call` event the figures read); the softphone adds what only it knows: the holds.
 */
import type { Agent, Message } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { callSummaryText, type CallRecord } from '../../shared/softphone/callLog.js';
import type { EntityRef } from '../storage/changeLog.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { addHoldEvents } from './holdEvents.js';
import { oneLine, PREVIEW_MAX } from './preview.js';

export function recordQueuedCall(
  tx: Tx,
  store: HubStore,
  agent: Agent,
  call: CallRecord,
  threadId: string,
): EntityRef[] {
  const thread = store.threads.byId(threadId);
  if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
  // An offer that rang out at this agent: the queue's history already says so (offer_missed), and the
  // thread is someone else's call now; nothing of it belongs on the thread's messages.
  if (call.direction === 'inbound' && call.answeredAt === null) return [];
  if (store.messages.byId(call.messageId))
    throw new OknoError('conflict', `message id ${call.messageId} is already taken`);
  const text = callSummaryText(call);
  const message: Message = {
    id: call.messageId,
    threadId,
    direction: call.direction === 'inbound' ? 'in' : 'out',
    author: { kind: 'system', id: null, name: 'Phone' },
    text,
    status: 'sent',
    createdAt: call.endedAt,
  };
  store.messages.insert(tx, message);
  store.threads.save(tx, {
    ...thread,
    lastMessageAt: Math.max(thread.lastMessageAt, call.endedAt),
    lastMessagePreview: oneLine(text, PREVIEW_MAX),
    updatedAt: tx.now,
  });
  const holds = call.holds ?? [];
  // The queue's own record of an answered inbound call gains the holds (talk excludes hold).
  const queued = store.routing.events(threadId).find((e) => e.kind === 'call');
  if (queued && call.direction === 'inbound' && queued.data.answeredAt !== null) {
    store.routing.setEventData(queued.id, { ...queued.data, holds });
  }
  store.routing.addEvent({
    id: uuidv7(tx.now),
    threadId,
    kind: 'call_record',
    text,
    data: {
      direction: call.direction,
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      holds,
    },
    actorId: agent.id,
    createdAt: call.startedAt,
  });
  addHoldEvents(tx, store, threadId, holds, agent.id);
  return [
    ['thread', threadId],
    ['message', message.id],
  ];
}

/**
 * A finished call from an agent's softphone becomes a phone thread: with the matched customer, or
 * a new customer named by the number when the caller was unknown, and one system message that
 * sums the call up. Ids are the client's, so a retried push finds what it already made.
 */
import type { Agent, Customer, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { callSummaryText, type CallRecord } from '../../shared/softphone/callLog.js';
import type { EntityRef } from '../storage/changeLog.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { oneLine, PREVIEW_MAX, SUBJECT_MAX } from './preview.js';
import { addHoldEvents } from './holdEvents.js';
import { storeAgentQuality } from '../callQuality/storeCallQuality.js';
import { recordQueuedCall } from './recordQueuedCall.js';

export function recordCall(tx: Tx, store: HubStore, agent: Agent, call: CallRecord): EntityRef[] {
  const touched = call.queuedThreadId
    ? recordQueuedCall(tx, store, agent, call, call.queuedThreadId)
    : recordPhoneThread(tx, store, agent, call);
  if (call.quality) storeAgentQuality(store, agent, call, call.quality);
  return touched;
}

function recordPhoneThread(tx: Tx, store: HubStore, agent: Agent, call: CallRecord): EntityRef[] {
  if (store.threads.byId(call.threadId)) throw new OknoError('conflict', `thread id ${call.threadId} is already taken`);
  if (store.messages.byId(call.messageId))
    throw new OknoError('conflict', `message id ${call.messageId} is already taken`);
  if (call.customerId !== null && !store.customers.byId(call.customerId)) {
    throw new OknoError('not_found', `customer ${call.customerId} does not exist`);
  }
  // A customer merged since the app matched the caller: the call belongs to the survivor.
  let customer: Customer | null = call.customerId ? store.customers.current(call.customerId) : null;
  if (!customer) {
    customer = {
      id: uuidv7(tx.now),
      name: call.remoteName || call.remoteNumber || call.remoteUri,
      phone: call.remoteNumber,
      email: null,
      createdAt: tx.now,
      updatedAt: tx.now,
    };
    store.customers.save(tx, customer);
  }
  const text = callSummaryText(call);
  const thread: Thread = {
    id: call.threadId,
    number: store.threads.nextNumber(),
    channel: 'phone',
    status: 'open',
    customerId: customer.id,
    assigneeId: agent.id,
    subject: oneLine(
      `${call.direction === 'inbound' ? 'Call from' : 'Call to'} ${call.remoteNumber ?? call.remoteUri}`,
      SUBJECT_MAX,
    ),
    slaDueAt: null,
    lastMessageAt: call.endedAt,
    lastMessagePreview: oneLine(text, PREVIEW_MAX),
    createdAt: call.startedAt,
    updatedAt: tx.now,
  };
  store.threads.save(tx, thread);
  const message: Message = {
    id: call.messageId,
    threadId: thread.id,
    direction: call.direction === 'inbound' ? 'in' : 'out',
    author: { kind: 'system', id: null, name: 'Phone' },
    text,
    status: 'sent',
    createdAt: call.endedAt,
  };
  store.messages.insert(tx, message);
  // The call's own times, for the figures (docs/stats-formulas.md): rang in, picked up, ended.
  store.routing.addEvent({
    id: uuidv7(tx.now),
    threadId: thread.id,
    kind: 'call',
    text: text,
    data: {
      direction: call.direction,
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      holds: call.holds ?? [],
    },
    actorId: agent.id,
    createdAt: call.startedAt,
  });
  addHoldEvents(tx, store, thread.id, call.holds ?? [], agent.id);
  return [
    ['customer', customer.id],
    ['thread', thread.id],
    ['message', message.id],
  ];
}

/**
 * What a queued call writes: its phone thread at arrival (with the customer the number belongs
 * to), the events of its journey for the history and the stats, and the callback task of a caller
 * who gave up. Every function runs inside the caller's write transaction.
 */
import type { Customer, Thread } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import type { ServiceLine } from '../../shared/calls/serviceLine.js';
import { oneLine, SUBJECT_MAX } from '../conversation/preview.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';

/** Finds (or makes) the customer a phone number belongs to. */
export type RecognizeCaller = (tx: Tx, number: string, name: string) => Customer;

/**
 * Kinds of a call's events (thread_events.kind); the data carries the facts, the renderer says them
 * in the agent's language. The English text is only for logs and old clients.
 */
export type CallEventKind =
  | 'call_arrived'
  | 'menu_choice'
  | 'call_queued'
  | 'offered'
  | 'offer_missed'
  | 'answered'
  | 'abandoned'
  | 'callback_task'
  | 'callback_left'
  | 'callback_done'
  | 'callback_cleared'
  | 'blocked'
  | 'out_of_hours'
  | 'self_service'
  | 'overflowed'
  | 'transferred'
  | 'call_ended'
  | 'call_lost';

export function callEvent(
  tx: Tx,
  store: HubStore,
  threadId: string,
  kind: CallEventKind,
  data: Record<string, unknown>,
  actorId: string | null = null,
): void {
  store.routing.addEvent({
    id: uuidv7(tx.now),
    threadId,
    kind,
    text: `${kind.replace(/_/g, ' ')} ${JSON.stringify(data)}`.slice(0, 500),
    data,
    actorId,
    createdAt: tx.now,
  });
}

export function openCallThread(
  tx: Tx,
  store: HubStore,
  input: { customer: Customer; caller: string; line: ServiceLine | null; dueAt: number; status: Thread['status'] },
): Thread {
  const thread: Thread = {
    id: uuidv7(tx.now),
    number: store.threads.nextNumber(),
    channel: 'phone',
    status: input.status,
    customerId: input.customer.id,
    assigneeId: null,
    subject: oneLine(`${input.caller} → ${input.line ? input.line.name : 'phone'}`, SUBJECT_MAX),
    slaDueAt: input.status === 'open' ? input.dueAt : null,
    lastMessageAt: tx.now,
    lastMessagePreview: '',
    createdAt: tx.now,
    updatedAt: tx.now,
    topic: null,
    groupId: input.line?.groupId ?? null,
  };
  // Routing first: the thread's change carries its group and topic to the apps.
  store.routing.saveThreadRouting({
    threadId: thread.id,
    topic: null,
    language: input.line?.language ?? 'ru',
    groupId: input.line?.groupId ?? null,
    queuedAt: input.status === 'open' ? tx.now : null,
  });
  store.threads.save(tx, thread);
  return thread;
}

/** Saves the thread with these changes (and its routing facts when given) and returns it. */
export function updateThread(
  tx: Tx,
  store: HubStore,
  thread: Thread,
  changes: Partial<Thread>,
  routing?: { groupId?: string | null; topic?: string | null; queuedAt?: number | null },
): Thread {
  if (routing) {
    const current = store.routing.threadRouting(thread.id);
    if (current) store.routing.saveThreadRouting({ ...current, ...routing });
  }
  const next: Thread = {
    ...thread,
    ...changes,
    ...(routing?.groupId !== undefined ? { groupId: routing.groupId } : {}),
    ...(routing?.topic !== undefined ? { topic: routing.topic } : {}),
    updatedAt: tx.now,
  };
  store.threads.save(tx, next);
  return next;
}

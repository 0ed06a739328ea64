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
  | 'call_lost'
  /** The call's facts for the figures (docs/stats-formulas.md): one per thread, read by the stats. */
  | 'call';

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
  // The thread first (its routing row refers to it), then the routing facts, then the thread again so
  // its synced change carries its group to the apps (only the latest change of a transaction goes out).
  store.threads.save(tx, thread);
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

/** How a queued call ended, for the figures. */
export type QueueOutcome = 'answered' | 'abandoned' | 'callback' | 'lost';

/**
 * Writes the thread's `call` event once, when the call's outcome is known: entered the queue at
 * arrival, answered or not, ended; the line and menu choice and how many offers rang out, so the
 * figures can be cut by line and choice and tell "lost" from "missed".
 */
export function recordQueueFacts(
  tx: Tx,
  store: HubStore,
  call: {
    threadId: string;
    lineId: string | null;
    enteredAt: number;
    answeredAt: number | null;
    answeredBy: string | null;
  },
  outcome: QueueOutcome,
  short = false,
): void {
  const events = store.routing.events(call.threadId);
  if (events.some((e) => e.kind === 'call')) return; // a transferred call's second leg: the first counts
  const queued = events.filter((e) => e.kind === 'call_queued').at(-1)?.data ?? {};
  const holds = events.find((e) => e.kind === 'call_record')?.data.holds ?? [];
  callEvent(
    tx,
    store,
    call.threadId,
    'call',
    {
      direction: 'inbound',
      startedAt: call.enteredAt,
      answeredAt: outcome === 'answered' ? call.answeredAt : null,
      endedAt: tx.now,
      holds,
      queued: true,
      outcome,
      short,
      lineId: call.lineId,
      topic: queued.topic ?? null,
      node: queued.node ?? null,
      missedOffers: events.filter((e) => e.kind === 'offer_missed').length,
    },
    call.answeredBy,
  );
}

/**
 * The customer was answered (a queued call picked up, a callback that reached them, or an agent's
 * reply in any channel): their open callback tasks are no longer needed and leave the queue.
 */
export function clearCallbacks(tx: Tx, store: HubStore, customerId: string, answeredThreadId: string): void {
  for (const task of store.queueCalls.openCallbacksOf(customerId)) {
    if (task.threadId === answeredThreadId) continue;
    store.queueCalls.finishCallback(task.threadId, 'cleared', null, null, tx.now);
    callEvent(tx, store, task.threadId, 'callback_cleared', { by: answeredThreadId });
    const thread = store.threads.byId(task.threadId);
    if (thread) updateThread(tx, store, thread, { status: 'closed', slaDueAt: null }, { queuedAt: null });
  }
}

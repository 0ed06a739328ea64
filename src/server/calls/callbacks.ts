/**
 * Callback tasks: a caller who gave up, asked to be called back, or was lost with the PBX leaves the
 * thread waiting as a task with its own deadline; an agent who calls back closes it with the result.
 */
import { OknoError } from '../../shared/errors.js';
import type { Agent, Thread } from '../../shared/domain.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { Tx } from '../storage/writer.js';
import { callEvent, clearCallbacks, recordQueueFacts, updateThread } from './callThreads.js';
import type { LiveCalls } from './liveCalls.js';

export class Callbacks {
  constructor(
    private readonly deps: {
      store: HubStore;
      live: LiveCalls;
      now: () => number;
      /** From the request to the task's deadline. */
      callbackTargetMs: number;
    },
  ) {}

  /** The caller gave up (or asked to be called back): the thread waits as a callback task. */
  leave(call: QueueCall, kind: 'callback_task' | 'callback_left' | 'call_lost'): void {
    const { store, live: calls } = this.deps;
    const live = calls.get(call.callId);
    if (live) calls.quiet(call, live, kind !== 'callback_left');
    const waitedMs = this.deps.now() - call.enteredAt;
    store.write((tx) => {
      store.queueCalls.save({
        ...call,
        state: kind === 'callback_left' ? 'callback_left' : 'abandoned',
        endedAt: tx.now,
        offeredAgentId: null,
      });
      const thread = store.threads.byId(call.threadId);
      if (!thread) return;
      recordQueueFacts(
        tx,
        store,
        call,
        kind === 'callback_left' ? 'callback' : kind === 'call_lost' ? 'lost' : 'abandoned',
      );
      if (kind === 'callback_task')
        callEvent(tx, store, thread.id, 'abandoned', { waitedMs, short: false, during: call.state });
      const dueAt = tx.now + this.deps.callbackTargetMs;
      store.queueCalls.addCallback({
        threadId: thread.id,
        customerId: thread.customerId,
        number: call.caller,
        lineId: call.lineId,
        requestedAt: tx.now,
        waitedMs,
        dueAt,
      });
      callEvent(tx, store, thread.id, kind, { number: call.caller, waitedMs, dueAt });
      if (kind === 'call_lost')
        callEvent(tx, store, thread.id, 'callback_task', { number: call.caller, waitedMs, dueAt });
      updateThread(tx, store, thread, { assigneeId: null, slaDueAt: dueAt, status: 'open' }, { queuedAt: tx.now });
    });
    if (kind === 'callback_left' && live) {
      void calls
        .say(call, ['callback_left'])
        .then(() => calls.finish(call.callId, null, 480, 'Temporarily Unavailable'));
    } else {
      calls.forget(call.callId);
    }
  }

  /** The agent called the customer back: the result is kept and the task leaves the queue. */
  complete(tx: Tx, agent: Agent, threadId: string, result: 'reached' | 'no_answer' | 'wrong_number'): Thread {
    const { store } = this.deps;
    const task = store.queueCalls.callback(threadId);
    const thread = store.threads.byId(threadId);
    if (!task || !thread) throw new OknoError('not_found', `thread ${threadId} has no callback task`);
    if (task.state !== 'open')
      throw new OknoError('conflict', `the callback of thread #${thread.number} is already done`);
    store.queueCalls.finishCallback(threadId, 'done', result, agent.id, tx.now);
    callEvent(tx, store, threadId, 'callback_done', { result }, agent.id);
    const closed = updateThread(
      tx,
      store,
      thread,
      { status: result === 'no_answer' ? 'open' : 'closed', slaDueAt: null, assigneeId: agent.id },
      { queuedAt: null },
    );
    if (result === 'reached') clearCallbacks(tx, store, thread.customerId, threadId);
    return closed;
  }
}

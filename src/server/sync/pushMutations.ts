/**
 * POST /sync/push: applies each mutation at most once, each in its own transaction, and answers
 * with the resulting state of what it touched. A repeated id (a retry after a lost response) gets
 * 'duplicate' and the current state, so the client's outbox can settle either way.
 */
import type { Agent, AgentStatus, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { Change, Mutation, PushRequest, PushResponse, PushResult } from '../../shared/sync.js';
import { recordCall } from '../conversation/recordCall.js';
import { sendAgentReply } from '../conversation/sendAgentReply.js';
import type { EntityRef } from '../storage/changeLog.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { checkReply } from './replyConflicts.js';

/** Hands a committed outbound message to the gateway of its thread's channel. */
export type DeliverOutbound = (thread: Thread, message: Message) => void;

interface Applied {
  touched: EntityRef[];
  outbound: { thread: Thread; message: Message } | null;
  notice?: PushResult['notice'];
}

/** What follows an agent's status change (routing, auto-replies), in the same transaction; flushed after commit. */
export interface StatusHook {
  agentStatusChanged(tx: Tx, agent: Agent, previous: AgentStatus): void;
  flush(tx: Tx): void;
}

export interface PushDeps {
  store: HubStore;
  deliver: DeliverOutbound;
  now: () => number;
  log: Logger;
  status?: StatusHook;
}

export function pushMutations(deps: PushDeps, agent: Agent, request: PushRequest): PushResponse {
  const results = request.mutations.map((mutation) => pushOne(deps, agent, mutation));
  return { hubId: deps.store.hubId, results };
}

function pushOne({ store, deliver, now, log, status }: PushDeps, agent: Agent, mutation: Mutation): PushResult {
  try {
    let committed: Tx | null = null;
    const { result } = store.write((tx): PushResult | Applied => {
      committed = tx;
      const seen = store.mutations.get(mutation.id);
      if (seen) return repeatAnswer(store, agent, mutation.id, seen);
      const applied = apply(tx, store, agent, mutation, status);
      store.mutations.insert(
        mutation.id,
        { agentId: agent.id, outcome: 'applied', error: null, touched: applied.touched },
        tx.now,
      );
      return applied;
    });
    if (committed) status?.flush(committed);
    if ('outcome' in result) return result;
    if (result.outbound) deliverSafely(deliver, result.outbound, log);
    const applied: PushResult = { id: mutation.id, outcome: 'applied', changes: currentState(store, result.touched) };
    return result.notice ? { ...applied, notice: result.notice } : applied;
  } catch (error) {
    // Anything but a refusal (a disk error, a bug) fails the request, so the client retries later.
    if (!(error instanceof OknoError)) throw error;
    const refusal = { code: error.code, message: error.message };
    store.mutations.insert(mutation.id, { agentId: agent.id, outcome: 'rejected', error: refusal, touched: [] }, now());
    log.info('mutation rejected', { id: mutation.id, kind: mutation.kind, code: error.code });
    // The thread as it is now, so the client shows who took it.
    const touched: EntityRef[] = mutation.kind === 'message.send' ? [['thread', mutation.threadId]] : [];
    return { id: mutation.id, outcome: 'rejected', error: refusal, changes: currentState(store, touched) };
  }
}

/** The reply is committed whatever happens here; a gateway failure must not turn it into a failed push. */
function deliverSafely(deliver: DeliverOutbound, outbound: { thread: Thread; message: Message }, log: Logger): void {
  try {
    deliver(outbound.thread, outbound.message);
  } catch (error) {
    log.error('delivering a reply failed', { messageId: outbound.message.id, error: String(error) });
  }
}

function apply(tx: Tx, store: HubStore, agent: Agent, mutation: Mutation, status?: StatusHook): Applied {
  switch (mutation.kind) {
    case 'message.send': {
      const notice = checkReply(
        store.threads.byId(mutation.threadId),
        agent,
        mutation.seen,
        (id) => store.agents.byId(id)?.name ?? 'another agent',
      );
      const { thread, message } = sendAgentReply(tx, store, {
        agent,
        threadId: mutation.threadId,
        messageId: mutation.messageId,
        text: mutation.text,
      });
      return {
        touched: [
          ['thread', thread.id],
          ['message', message.id],
        ],
        outbound: { thread, message },
        notice,
      };
    }
    case 'call.log':
      return { touched: recordCall(tx, store, agent, mutation), outbound: null };
    case 'agent.setStatus': {
      const current = store.agents.byId(agent.id) ?? agent;
      if (current.status !== mutation.status) {
        const updated: Agent = { ...current, status: mutation.status, updatedAt: tx.now };
        store.agents.update(tx, updated);
        status?.agentStatusChanged(tx, updated, current.status);
      }
      return { touched: [['agent', agent.id]], outbound: null };
    }
    default:
      return assertNever(mutation);
  }
}

function repeatAnswer(
  store: HubStore,
  agent: Agent,
  id: string,
  seen: NonNullable<ReturnType<HubStore['mutations']['get']>>,
): PushResult {
  if (seen.agentId !== agent.id) {
    return {
      id,
      outcome: 'rejected',
      error: { code: 'conflict', message: `mutation id ${id} was already used by another agent` },
      changes: [],
    };
  }
  // A rejection is final: the same answer again, so a retry cannot turn it into something else.
  if (seen.outcome === 'rejected') {
    return { id, outcome: 'rejected', error: seen.error ?? { code: 'bad_request', message: 'rejected' }, changes: [] };
  }
  return { id, outcome: 'duplicate', changes: currentState(store, seen.touched) };
}

function currentState(store: HubStore, touched: readonly EntityRef[]): Change[] {
  return touched
    .map(([entity, entityId]) => store.changeLog.current(entity, entityId))
    .filter((change): change is Change => change !== null);
}

function assertNever(value: never): never {
  throw new Error(`unhandled mutation ${JSON.stringify(value)}`);
}

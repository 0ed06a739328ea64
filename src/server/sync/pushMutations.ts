/**
 * POST /sync/push: applies each mutation at most once, each in its own transaction, and answers
 * with the resulting state of what it touched. A repeated id (a retry after a lost response) gets
 * 'duplicate' and the current state, so the client's outbox can settle either way.
 */
import {
  DEFAULT_AGENT_STATUS_SETTINGS,
  nextStatus,
  type StatusRequest,
} from '../../shared/agentStatus/statusMachine.js';
import type { Agent, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { EntityChange, Mutation, PushRequest, PushResponse, PushResult } from '../../shared/sync.js';
import { noteCall } from '../conversation/noteCall.js';
import { recordCall } from '../conversation/recordCall.js';
import { applyCustomerMutation } from '../customers/applyCustomerMutation.js';
import { sendAgentReply } from '../conversation/sendAgentReply.js';
import type { Attachment } from '../gateways/gateway.js';
import type { EntityRef } from '../storage/changeLog.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { checkReply } from './replyConflicts.js';

/** Hands a committed outbound message (and the files it carries) to the gateway of its thread's channel. */
export type DeliverOutbound = (thread: Thread, message: Message, attachments?: Attachment[]) => void;

/** Claims the agent's uploads for a reply inside its transaction; throws OknoError to refuse it. */
export type ClaimAttachments = (agent: Agent, thread: Thread, messageId: string, uploadIds: string[]) => Attachment[];

interface Applied {
  touched: EntityRef[];
  outbound: { thread: Thread; message: Message; attachments?: Attachment[] } | null;
  notice?: PushResult['notice'];
}

/** What follows an agent's status change (routing, auto-replies), in the same transaction; flushed after commit. */
export interface StatusHook {
  /** Applies the status machine with the hub's settings and routes what follows. */
  setStatus(tx: Tx, agent: Agent, request: StatusRequest): Agent;
  flush(tx: Tx): void;
}

export interface PushDeps {
  store: HubStore;
  deliver: DeliverOutbound;
  now: () => number;
  log: Logger;
  status?: StatusHook;
  /** Files on replies (email, Telegram); without it a reply with files is refused. */
  claimAttachments?: ClaimAttachments;
}

export function pushMutations(deps: PushDeps, agent: Agent, request: PushRequest): PushResponse {
  const results = request.mutations.map((mutation) => pushOne(deps, agent, mutation));
  return { hubId: deps.store.hubId, results };
}

function pushOne(
  { store, deliver, now, log, status, claimAttachments }: PushDeps,
  agent: Agent,
  mutation: Mutation,
): PushResult {
  try {
    let committed: Tx | null = null;
    const { result } = store.write((tx): PushResult | Applied => {
      committed = tx;
      const seen = store.mutations.get(mutation.id);
      if (seen) return repeatAnswer(store, agent, mutation.id, seen);
      const applied = apply(tx, store, agent, mutation, status, claimAttachments);
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
    const refusal = { code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) };
    store.mutations.insert(mutation.id, { agentId: agent.id, outcome: 'rejected', error: refusal, touched: [] }, now());
    log.info('mutation rejected', { id: mutation.id, kind: mutation.kind, code: error.code });
    // The thread as it is now, so the client shows who took it.
    const touched: EntityRef[] =
      mutation.kind === 'message.send'
        ? [['thread', mutation.threadId]]
        : mutation.kind === 'customer.update' ||
            mutation.kind === 'customer.link' ||
            mutation.kind === 'customer.unlink'
          ? [['customer', mutation.customerId]]
          : mutation.kind === 'agent.setStatus'
            ? // The status the hub kept, so the app stops showing the one it guessed.
              [['agent', agent.id]]
            : [];
    return { id: mutation.id, outcome: 'rejected', error: refusal, changes: currentState(store, touched) };
  }
}

/** The reply is committed whatever happens here; a gateway failure must not turn it into a failed push. */
function deliverSafely(deliver: DeliverOutbound, outbound: NonNullable<Applied['outbound']>, log: Logger): void {
  try {
    if (outbound.attachments?.length) deliver(outbound.thread, outbound.message, outbound.attachments);
    else deliver(outbound.thread, outbound.message);
  } catch (error) {
    log.error('delivering a reply failed', { messageId: outbound.message.id, error: String(error) });
  }
}

function apply(
  tx: Tx,
  store: HubStore,
  agent: Agent,
  mutation: Mutation,
  status?: StatusHook,
  claimAttachments?: ClaimAttachments,
): Applied {
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
      const uploadIds = mutation.attachmentIds ?? [];
      if (uploadIds.length > 0 && !claimAttachments) {
        throw new OknoError('bad_request', 'this hub sends no files with replies');
      }
      const attachments = claimAttachments?.(agent, thread, message.id, uploadIds) ?? [];
      return {
        touched: [
          ['thread', thread.id],
          ['message', message.id],
        ],
        outbound: { thread, message, attachments },
        notice,
      };
    }
    case 'call.log':
      return { touched: recordCall(tx, store, agent, mutation), outbound: null };
    case 'call.note':
      return { touched: noteCall(tx, store, agent, mutation), outbound: null };
    case 'agent.setStatus': {
      const request: StatusRequest =
        mutation.status === 'not_ready'
          ? { status: 'not_ready', reason: mutation.reason ?? 'other' }
          : { status: mutation.status };
      if (status) {
        status.setStatus(tx, agent, request);
      } else {
        // Without a contact center (unit tests): the machine with default settings, no routing.
        const current = store.agents.byId(agent.id) ?? agent;
        const state = { status: current.status, statusReason: current.statusReason ?? null, acwUntil: null };
        store.agents.update(tx, {
          ...current,
          ...nextStatus(state, request, DEFAULT_AGENT_STATUS_SETTINGS, tx.now),
          updatedAt: tx.now,
        });
      }
      return { touched: [['agent', agent.id]], outbound: null };
    }
    case 'customer.update':
    case 'customer.link':
    case 'customer.unlink':
    case 'customer.create':
      return { ...applyCustomerMutation(tx, store, agent, mutation), outbound: null };
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

function currentState(store: HubStore, touched: readonly EntityRef[]): EntityChange[] {
  return touched
    .map(([entity, entityId]) => store.changeLog.current(entity, entityId))
    .filter((change): change is EntityChange => change !== null);
}

function assertNever(value: never): never {
  throw new Error(`unhandled mutation ${JSON.stringify(value)}`);
}

import type { StatusRequest, StatusState } from '../../../shared/agentStatus/statusMachine.js';
import type { Agent, Message } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { Mutation } from '../../../shared/sync.js';
import type { EventBus } from '../events/eventBus.js';
import type { SessionService } from '../session/sessionService.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';

export interface OutgoingDeps {
  store: LocalStore;
  session: SessionService;
  connection: ConnectionTracker;
  events: EventBus;
  now: () => number;
}

export interface Outgoing {
  /** `attachmentIds`: files already uploaded to the hub (attachment.upload). */
  sendMessage(threadId: string, text: string, attachmentIds?: readonly string[]): Message;
  /** A failed message goes out again under a new mutation id, as the thread is seen now. */
  retryMessage(messageId: string): Message;
  /** A failed message that never reached the hub is dropped, outbox row and all. */
  discardMessage(messageId: string): void;
  /**
   * Queues a status request for the hub and shows `shown` (the status machine's guess) at once;
   * `after_call_work` means "my call ended".
   */
  setStatus(request: StatusRequest, shown: StatusState): Agent;
}

/**
 * What the agent does, written locally first: the visible result and the outbox row land in
 * one transaction, so a crash can lose neither one without the other. The pusher delivers.
 */
export function createOutgoing(deps: OutgoingDeps): Outgoing {
  const { store, session, connection, events, now } = deps;

  function enqueued(): void {
    connection.setPending(store.outbox.countPending());
    session.kickPush();
  }

  /** The reply as a mutation, with the thread as the agent sees it now (the hub's conflict rules use it). */
  function sendMutation(message: Message, at: number, attachmentIds: readonly string[] = []): Mutation {
    const thread = store.threads.get(message.threadId);
    return {
      id: uuidv7(at),
      kind: 'message.send',
      threadId: message.threadId,
      messageId: message.id,
      text: message.text,
      createdAt: at,
      ...(thread ? { seen: { assigneeId: thread.assigneeId, status: thread.status } } : {}),
      ...(attachmentIds.length > 0 ? { attachmentIds: [...attachmentIds] } : {}),
    };
  }

  function failedMessage(messageId: string): { message: Message; outboxId: string; attachmentIds: string[] } {
    const message = store.messages.get(messageId);
    const entry = store.outbox.failedSendOf(messageId);
    if (!message || !entry || message.status !== 'failed') {
      throw new OknoError('not_found', `message ${messageId} is not a failed message of this app`);
    }
    // A refused reply left its files unclaimed on the hub: the retry names them again.
    const attachmentIds = entry.mutation?.kind === 'message.send' ? (entry.mutation.attachmentIds ?? []) : [];
    return { message, outboxId: entry.id, attachmentIds };
  }

  return {
    retryMessage(messageId) {
      session.requireAgent();
      const at = now();
      const retried = store.transaction(() => {
        const { message, outboxId, attachmentIds } = failedMessage(messageId);
        store.outbox.remove(outboxId);
        store.outbox.add(sendMutation(message, at, attachmentIds), at);
        store.messages.setStatus(messageId, 'pending');
        return { ...message, status: 'pending' as const };
      });
      events.emit('messages.changed', { threadIds: [retried.threadId] });
      enqueued();
      return retried;
    },
    discardMessage(messageId) {
      const threadId = store.transaction(() => {
        const { message, outboxId } = failedMessage(messageId);
        store.outbox.remove(outboxId);
        store.messages.removeLocal(messageId);
        return message.threadId;
      });
      events.emit('messages.changed', { threadIds: [threadId] });
      connection.setPending(store.outbox.countPending());
    },
    sendMessage(threadId, text, attachmentIds = []) {
      const agent = session.requireAgent();
      if (!store.threads.get(threadId)) {
        throw new OknoError('not_found', `thread ${threadId} is not in the local cache`);
      }
      // Never before the thread's newest message: a system clock set back must not show a reply
      // above the one typed before it (the outbox order is its own counter, not this time).
      const at = Math.max(now(), (store.messages.latestCreatedAt(threadId) ?? 0) + 1);
      const message: Message = {
        id: uuidv7(at),
        threadId,
        direction: 'out',
        author: { kind: 'agent', id: agent.id, name: agent.name },
        text,
        status: 'pending',
        createdAt: at,
      };
      const mutation = sendMutation(message, at, attachmentIds);
      store.transaction(() => {
        store.messages.insertLocal(message);
        store.outbox.add(mutation, at);
      });
      events.emit('messages.changed', { threadIds: [threadId] });
      enqueued();
      return message;
    },
    setStatus(request, shown) {
      const agent = session.requireAgent();
      const at = now();
      const changed = agent.status !== shown.status || (agent.statusReason ?? null) !== shown.statusReason;
      const updated: Agent = { ...agent, ...shown, updatedAt: at, statusSince: changed ? at : agent.statusSince };
      const mutation: Mutation = {
        id: uuidv7(at),
        kind: 'agent.setStatus',
        status: request.status,
        ...(request.status === 'not_ready' ? { reason: request.reason } : {}),
        createdAt: at,
      };
      store.transaction(() => {
        store.meta.setAgent(updated);
        // The shown state is now a guess: whatever the hub answers for it replaces it, even an
        // unchanged (older) state when the hub already had this status.
        store.meta.remove('agent_seq');
        store.outbox.add(mutation, at);
      });
      events.emit('session.changed', session.state());
      enqueued();
      return updated;
    },
  };
}

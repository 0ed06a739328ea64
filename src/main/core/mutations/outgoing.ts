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
  sendMessage(threadId: string, text: string): Message;
  setStatus(status: Extract<Agent['status'], 'ready' | 'not_ready'>): Agent;
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

  return {
    sendMessage(threadId, text) {
      const agent = session.requireAgent();
      if (!store.threads.get(threadId)) {
        throw new OknoError('not_found', `thread ${threadId} is not in the local cache`);
      }
      const at = now();
      const message: Message = {
        id: uuidv7(at),
        threadId,
        direction: 'out',
        author: { kind: 'agent', id: agent.id, name: agent.name },
        text,
        status: 'pending',
        createdAt: at,
      };
      const mutation: Mutation = {
        id: uuidv7(at),
        kind: 'message.send',
        threadId,
        messageId: message.id,
        text,
        createdAt: at,
      };
      store.transaction(() => {
        store.messages.insertLocal(message);
        store.outbox.add(mutation, at);
      });
      events.emit('messages.changed', { threadIds: [threadId] });
      enqueued();
      return message;
    },
    setStatus(status) {
      const agent = session.requireAgent();
      const at = now();
      const updated: Agent = { ...agent, status, updatedAt: at };
      store.transaction(() => {
        store.meta.setAgent(updated);
        // The shown state is now a guess: whatever the hub answers for it replaces it, even an
        // unchanged (older) state when the hub already had this status.
        store.meta.remove('agent_seq');
        store.outbox.add({ id: uuidv7(at), kind: 'agent.setStatus', status, createdAt: at }, at);
      });
      events.emit('session.changed', session.state());
      enqueued();
      return updated;
    },
  };
}

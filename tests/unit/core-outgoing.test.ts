import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/events/eventBus.js';
import { createOutgoing } from '../../src/main/core/mutations/outgoing.js';
import type { SessionService } from '../../src/main/core/session/sessionService.js';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { createConnectionTracker } from '../../src/main/core/sync/connectionTracker.js';
import type { Agent } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import { T0, tempDir, thread } from './core-fixtures.js';

const agent: Agent = { id: uuidv7(), login: 'anna', name: 'Анна', role: 'agent', status: 'not_ready', updatedAt: T0 };

let store: LocalStore;
let remove: () => void;
let kicks: number;
let emitted: string[];

function outgoingOver(target: LocalStore) {
  const events = createEventBus(createLogger('test'));
  events.on((name) => emitted.push(name));
  const session = {
    requireAgent: () => agent,
    kickPush: () => void kicks++,
    state: () => ({ signedIn: true, agent: target.meta.agent(), hubUrl: 'http://127.0.0.1:1' }),
  } as unknown as SessionService;
  const connection = createConnectionTracker({
    now: () => T0,
    pending: () => target.outbox.countPending(),
    onChange: () => undefined,
  });
  return createOutgoing({ store: target, session, connection, events, now: () => T0 + 1 });
}

beforeEach(() => {
  const t = tempDir();
  remove = t.remove;
  store = openLocalStore(t.dir);
  store.meta.setAgent(agent);
  kicks = 0;
  emitted = [];
});
afterEach(() => {
  store.close();
  remove();
});

describe('message.send', () => {
  it('writes the pending message and its outbox row together, then kicks the pusher', () => {
    const t = thread();
    store.applyChanges([{ seq: 1, entity: 'thread', data: t }]);
    const sent = outgoingOver(store).sendMessage(t.id, 'Разблокируем карту сегодня');
    expect(sent).toMatchObject({ threadId: t.id, direction: 'out', status: 'pending', createdAt: T0 + 1 });
    expect(sent.author).toEqual({ kind: 'agent', id: agent.id, name: 'Анна' });
    expect(store.messages.get(sent.id)).toEqual(sent);
    const [row] = store.outbox.pending(10);
    expect(row?.mutation).toMatchObject({ kind: 'message.send', messageId: sent.id, threadId: t.id });
    expect(row?.mutation?.id).not.toBe(sent.id);
    expect(kicks).toBe(1);
    expect(emitted).toContain('messages.changed');
  });

  it('writes neither when the outbox row cannot be written', () => {
    const t = thread();
    store.applyChanges([{ seq: 1, entity: 'thread', data: t }]);
    const broken: LocalStore = {
      ...store,
      outbox: {
        ...store.outbox,
        add: () => {
          throw new Error('disk full');
        },
      },
    };
    expect(() => outgoingOver(broken).sendMessage(t.id, 'Не потеряйся')).toThrow('disk full');
    expect(store.messages.page(t.id, undefined, 10).messages).toEqual([]);
    expect(kicks).toBe(0);
  });

  it('refuses a thread the cache does not hold', () => {
    expect(() => outgoingOver(store).sendMessage(uuidv7(), 'Алло')).toThrow(/not in the local cache/);
    expect(store.outbox.countPending()).toBe(0);
  });
});

const READY = { status: 'ready', statusReason: null, acwUntil: null } as const;

describe('agent.setStatus', () => {
  it('sends the not-ready reason with the mutation and shows it at once', () => {
    const shown = outgoingOver(store).setStatus(
      { status: 'not_ready', reason: 'training' },
      { status: 'not_ready', statusReason: 'training', acwUntil: null },
    );
    expect(shown).toMatchObject({ status: 'not_ready', statusReason: 'training' });
    expect(store.outbox.pending(10)[0]?.mutation).toMatchObject({ status: 'not_ready', reason: 'training' });
  });

  it('changes the status at once and queues the mutation', () => {
    const updated = outgoingOver(store).setStatus({ status: 'ready' }, READY);
    expect(updated).toMatchObject({ id: agent.id, status: 'ready', updatedAt: T0 + 1 });
    expect(store.meta.agent()?.status).toBe('ready');
    expect(store.outbox.pending(10)[0]?.mutation).toMatchObject({ kind: 'agent.setStatus', status: 'ready' });
    expect(emitted).toContain('session.changed');
  });

  it("keeps the optimistic status until the hub's answer comes back", () => {
    outgoingOver(store).setStatus({ status: 'ready' }, READY);
    store.applyChanges([{ seq: 9, entity: 'agent', data: { ...agent, status: 'not_ready' } }]);
    expect(store.meta.agent()?.status).toBe('ready');
  });
});

describe('agent.setStatus', () => {
  it("takes the hub's answer once it settles, even an older state when the hub already had that status", () => {
    store.applyChanges([{ seq: 10, entity: 'agent', data: { ...agent, status: 'not_ready', updatedAt: T0 - 5 } }]);
    const shown = outgoingOver(store).setStatus(
      { status: 'not_ready', reason: 'lunch' },
      { status: 'not_ready', statusReason: 'lunch', acwUntil: null },
    );
    expect(store.meta.agent()).toEqual(shown);
    const [row] = store.outbox.pending(1);
    // The hub had not_ready already: its answer is the unchanged state at seq 10.
    store.outbox.remove(row!.id);
    store.applyChanges([{ seq: 10, entity: 'agent', data: { ...agent, status: 'not_ready', updatedAt: T0 - 5 } }]);
    expect(store.meta.agent()?.updatedAt).toBe(T0 - 5);
  });
});

describe('message.retry and message.discard', () => {
  function failedReply() {
    const t = thread();
    store.applyChanges([{ seq: 1, entity: 'thread', data: t }]);
    const outgoing = outgoingOver(store);
    const sent = outgoing.sendMessage(t.id, 'Ответ, набранный офлайн');
    const [row] = store.outbox.pending(1);
    store.outbox.markFailed(row!.id, 'thread_taken: taken');
    store.messages.setStatus(sent.id, 'failed');
    return { outgoing, sent, firstMutation: row!.id };
  }

  it('retries under a new mutation id with the same message, pending again', () => {
    const { outgoing, sent, firstMutation } = failedReply();
    const retried = outgoing.retryMessage(sent.id);
    expect(retried).toMatchObject({ id: sent.id, status: 'pending', text: sent.text });
    const pending = store.outbox.pending(10);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.id).not.toBe(firstMutation);
    expect(pending[0]!.mutation).toMatchObject({
      kind: 'message.send',
      messageId: sent.id,
      seen: { assigneeId: null },
    });
    expect(store.outbox.get(firstMutation)).toBeNull();
  });

  it('discards the message and its failed row, and refuses a second time', () => {
    const { outgoing, sent } = failedReply();
    outgoing.discardMessage(sent.id);
    expect(store.messages.get(sent.id)).toBeNull();
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(() => outgoing.discardMessage(sent.id)).toThrow(/not a failed message/);
  });
});

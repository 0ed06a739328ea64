import { afterEach, describe, expect, it } from 'vitest';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { pushMutations } from '../../src/server/sync/pushMutations.js';
import type { Agent } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import { callSummaryText, type CallRecord } from '../../src/shared/softphone/callLog.js';
import { Mutation } from '../../src/shared/sync.js';
import { tempDir } from './core-fixtures.js';

const log = createLogger('test');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function hub(): { store: HubStore; agent: Agent } {
  const dir = tempDir('okno-hub-calls-');
  const store = openHubStore(dir.dir, () => 1_000_000, log);
  cleanups.push(dir.remove, () => store.close());
  const agent: Agent = { id: uuidv7(), login: 'anna', name: 'Anna', role: 'agent', status: 'ready', updatedAt: 0 };
  store.write((tx) => store.agents.create(tx, agent, 'x'));
  return { store, agent };
}

function call(over: Partial<CallRecord> = {}): CallRecord {
  return {
    threadId: uuidv7(),
    messageId: uuidv7(),
    direction: 'inbound',
    remoteUri: 'sip:+79161234567@pbx',
    remoteNumber: '+79161234567',
    remoteName: null,
    customerId: null,
    startedAt: 10_000,
    answeredAt: 12_000,
    endedAt: 54_000,
    endedBy: 'remote',
    endReason: 'bye',
    transfers: [],
    notes: '',
    topic: '',
    holds: [],
    ...over,
  };
}

const push = (store: HubStore, agent: Agent, record: CallRecord, id = uuidv7()) =>
  pushMutations({ store, deliver: () => undefined, now: () => 1_000_000, log }, agent, {
    mutations: [Mutation.parse({ ...record, id, kind: 'call.log', createdAt: 1 })],
  }).results[0]!;

describe('a finished call becomes a phone thread', () => {
  it('opens a phone thread for the agent with a new customer for an unknown number, once', () => {
    const { store, agent } = hub();
    const record = call();
    const id = uuidv7();
    const result = push(store, agent, record, id);
    expect(result.outcome).toBe('applied');
    const thread = store.threads.byId(record.threadId)!;
    expect(thread).toMatchObject({ channel: 'phone', status: 'open', assigneeId: agent.id, createdAt: 10_000 });
    expect(store.customers.byId(thread.customerId)).toMatchObject({ name: '+79161234567', phone: '+79161234567' });
    expect(store.messages.byId(record.messageId)).toMatchObject({
      direction: 'in',
      text: 'Inbound call +79161234567: talked 00:42, ended by the customer',
    });
    expect(result.changes.map((c) => c.entity).sort()).toEqual(['customer', 'message', 'thread']);
    // The same mutation again (a retry after a lost answer) creates nothing new.
    expect(push(store, agent, record, id).outcome).toBe('duplicate');
    expect(store.customers.count()).toBe(1);
  });

  it('links a known customer, and refuses a customer that does not exist', () => {
    const { store, agent } = hub();
    const first = call();
    push(store, agent, first);
    const customerId = store.threads.byId(first.threadId)!.customerId;
    const second = call({ customerId, direction: 'outbound', answeredAt: null, endedBy: 'local', endReason: '486' });
    expect(push(store, agent, second).outcome).toBe('applied');
    expect(store.threads.byId(second.threadId)!.customerId).toBe(customerId);
    expect(store.customers.count()).toBe(1);
    expect(callSummaryText(second)).toBe('Outbound call +79161234567: not answered (486)');
    expect(push(store, agent, call({ customerId: uuidv7() }))).toMatchObject({
      outcome: 'rejected',
      error: { code: 'not_found' },
    });
  });
});

const note = (store: HubStore, agent: Agent, fields: Record<string, unknown>) =>
  pushMutations({ store, deliver: () => undefined, now: () => 2_000_000, log }, agent, {
    mutations: [Mutation.parse({ messageId: uuidv7(), ...fields, id: uuidv7(), kind: 'call.note', createdAt: 1 })],
  }).results[0]!;

describe('the transfer chain, notes and topic stay with the call', () => {
  it('writes the transfers, topic and notes into the summary message', () => {
    const { store, agent } = hub();
    const record = call({
      endedBy: 'local',
      endReason: 'transferred',
      transfers: [
        { target: 'sip:agent2@pbx', kind: 'blind', at: 20_000, ok: false },
        { target: 'sip:agent3@pbx', kind: 'attended', at: 30_000, ok: true },
      ],
      topic: 'Billing',
      notes: 'Wants a refund',
    });
    expect(push(store, agent, record).outcome).toBe('applied');
    expect(store.messages.byId(record.messageId)!.text).toBe(
      'Inbound call +79161234567: talked 00:42, ended by the agent (transferred)\n' +
        'Transfers: blind transfer to sip:agent2@pbx (failed), attended transfer to sip:agent3@pbx\n' +
        'Topic: Billing\nNotes: Wants a refund',
    );
  });

  it('adds later notes as a message of the call thread, for its own agent only', () => {
    const { store, agent } = hub();
    const record = call();
    push(store, agent, record);
    const messageId = uuidv7();
    expect(
      note(store, agent, { threadId: record.threadId, messageId, notes: ' Callback tomorrow ', topic: 'Delivery' }),
    ).toMatchObject({ outcome: 'applied' });
    expect(store.messages.byId(messageId)).toMatchObject({
      threadId: record.threadId,
      text: 'Topic: Delivery\nNotes: Callback tomorrow',
      author: { kind: 'system', name: 'Anna' },
    });
    expect(store.threads.byId(record.threadId)!.lastMessagePreview).toContain('Delivery');

    const other: Agent = { ...agent, id: uuidv7(), login: 'boris', name: 'Boris' };
    store.write((tx) => store.agents.create(tx, other, 'x'));
    expect(note(store, other, { threadId: record.threadId, notes: 'mine now', topic: '' })).toMatchObject({
      outcome: 'rejected',
      error: { code: 'forbidden' },
    });
    expect(note(store, agent, { threadId: uuidv7(), notes: 'x', topic: '' })).toMatchObject({
      outcome: 'rejected',
      error: { code: 'not_found' },
    });
    expect(note(store, agent, { threadId: record.threadId, notes: '   ', topic: '' })).toMatchObject({
      outcome: 'rejected',
      error: { code: 'bad_request' },
    });
  });
});

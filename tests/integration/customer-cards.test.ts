/**
 * Customer cards on a real hub with real agent cores (docs/customer-cards.md): one customer across
 * web chat and phone, link (with merge) and unlink, the timeline across channels, bad input, and
 * an edit conflict between two agents while one of them is offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOutput } from '../../src/shared/contract.js';
import type { CustomerNotice } from '../../src/shared/customers/customerContract.js';
import type { Customer } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { addAgent, hubSeqOf, queuedThread, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import {
  ADMIN_PASSWORD,
  api,
  closeAll,
  customerSays,
  login,
  openWidget,
  removeTempDirs,
  startHub,
  type FrameQueue,
} from './hub-harness.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
type Card = RequestOutput<'customer.get'>;
type Timeline = RequestOutput<'customer.timeline'>;

let hub: Hub;
let anna: TestAgent;
let boris: TestAgent;
let adminToken: string;
let hubSeq: () => Promise<number>;
const widgets: FrameQueue[] = [];

/** A web-chat customer who has written once; returns their customer id as the agent's cache knows it. */
async function webChatCustomer(name: string, text: string): Promise<string> {
  const { widget } = await openWidget(hub.url, { name });
  widgets.push(widget);
  await customerSays(widget, text);
  return (await queuedThread(anna, text)).customerId;
}

/** A finished call from an unknown number, logged by Anna's softphone: the hub makes a phone customer. */
async function phoneCustomer(number: string, customerId: string | null = null): Promise<string> {
  const at = Date.now();
  const threadId = uuidv7(at);
  await anna.call('call.record', {
    threadId,
    messageId: uuidv7(at),
    direction: 'inbound',
    remoteUri: `sip:${number}@pbx.test`,
    remoteNumber: number,
    remoteName: null,
    customerId,
    startedAt: at - 60_000,
    answeredAt: at - 55_000,
    endedAt: at,
    endedBy: 'remote',
    endReason: 'bye',
  });
  await anna.settled(hubSeq);
  const { thread } = await anna.call<RequestOutput<'thread.get'>>('thread.get', { threadId });
  return thread.customerId;
}

async function cardOf(agent: TestAgent, customerId: string): Promise<Card> {
  return agent.call<Card>('customer.get', { customerId });
}

async function historyOnHub(customerId: string) {
  const reply = await api(hub.url, `/api/v1/customers/${customerId}`, { token: adminToken });
  return reply.body as {
    customer: Customer;
    history: { kind: string; field: string | null; newValue: string | null }[];
  };
}

beforeAll(async () => {
  hub = await startHub({ heartbeatMs: 500 });
  adminToken = await login(hub.url);
  await addAgent(hub.url, adminToken, 'boris', 'Борис');
  anna = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
  boris = await startAgent(hub.url, 'boris', 'boris-password');
  hubSeq = hubSeqOf(hub.url);
});

afterAll(async () => {
  closeAll(...widgets);
  await anna?.close();
  await boris?.close();
  await hub?.close();
  removeTempDirs();
});

describe('customer cards', () => {
  it('links a phone that belongs to another customer: the two merge, and the timeline holds both channels', async () => {
    const chatId = await webChatCustomer('Vera Web', 'my card was blocked');
    const phoneId = await phoneCustomer('+79161234567');
    expect(phoneId).not.toBe(chatId);
    expect((await cardOf(anna, phoneId)).customer?.identities).toEqual([{ kind: 'phone', value: '+79161234567' }]);

    // Typed the Russian way: the 8-prefix is the same number.
    const linked = await anna.call<Card>('customer.link', {
      customerId: chatId,
      kind: 'phone',
      value: '8 916 123-45-67',
    });
    expect(linked.pending).toBe(1);
    expect(linked.customer?.identities).toContainEqual({ kind: 'phone', value: '+79161234567' });
    await anna.settled(hubSeq);
    await boris.settled(hubSeq);

    for (const agent of [anna, boris]) {
      const card = await cardOf(agent, chatId);
      expect(card.pending).toBe(0);
      expect(card.customer).toMatchObject({ id: chatId, name: 'Vera Web', phone: '+79161234567', mergedInto: null });
      // The absorbed customer points at the survivor, and reading it gives the survivor.
      expect((await cardOf(agent, phoneId)).customer?.id).toBe(chatId);
    }
    // The caller is now found by number as the merged customer.
    const found = await boris.call<RequestOutput<'customer.findByPhone'>>('customer.findByPhone', {
      phone: '89161234567',
    });
    expect(found.customer?.id).toBe(chatId);

    const timeline = await boris.call<Timeline>('customer.timeline', { customerId: chatId });
    expect(timeline.source).toBe('hub');
    expect(new Set(timeline.threads.map((t) => t.channel))).toEqual(new Set(['webchat', 'phone']));
    expect(new Set(timeline.items.map((i) => i.channel))).toEqual(new Set(['webchat', 'phone']));
    expect(timeline.items.some((i) => i.text.includes('my card was blocked'))).toBe(true);
    // Newest first.
    const times = timeline.items.map((i) => i.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // A call matched to the absorbed customer (a cache that had not heard of the merge) lands on the survivor.
    expect(await phoneCustomer('+79161234567', phoneId)).toBe(chatId);

    const history = await historyOnHub(phoneId);
    expect(history.customer.id).toBe(chatId);
    expect(history.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['merged', 'linked']));
  });

  it('pages the timeline with a cursor, and answers from the cache when the hub is away', async () => {
    const customerId = await webChatCustomer('Pavel Pages', 'first of many');
    const { widget } = await openWidget(hub.url, { name: 'Other' });
    widgets.push(widget);
    const thread = (await anna.call<RequestOutput<'queue.list'>>('queue.list', { limit: 500 })).items.find(
      (t) => t.customerId === customerId,
    )!;
    for (let i = 0; i < 4; i++) await anna.call('message.send', { threadId: thread.id, text: `answer ${i}` });
    await anna.settled(hubSeq);

    const first = await anna.call<Timeline>('customer.timeline', { customerId, limit: 2 });
    expect(first.items.map((i) => i.text)).toEqual(['answer 3', 'answer 2']);
    const second = await anna.call<Timeline>('customer.timeline', { customerId, limit: 2, before: first.nextBefore });
    expect(second.items.map((i) => i.text)).toEqual(['answer 1', 'answer 0']);
    const last = await anna.call<Timeline>('customer.timeline', { customerId, limit: 2, before: second.nextBefore });
    expect(last.items.map((i) => i.text)).toEqual(['first of many']);
    expect(last.nextBefore).toBeNull();

    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    const cached = await anna.call<Timeline>('customer.timeline', { customerId, limit: 10 });
    expect(cached.source).toBe('cache');
    expect(cached.items.map((i) => i.text)).toEqual(['answer 3', 'answer 2', 'answer 1', 'answer 0', 'first of many']);
    anna.online();
    await anna.settled(hubSeq);
  });

  it('unlinks an identity: the card loses it, the threads stay, and the next primary takes over', async () => {
    const customerId = await webChatCustomer('Ursula Unlink', 'unlink me');
    await anna.call('customer.link', { customerId, kind: 'email', value: 'Ursula@Example.com' });
    await anna.call('customer.link', { customerId, kind: 'email', value: 'u2@example.com' });
    await anna.settled(hubSeq);
    expect((await cardOf(anna, customerId)).customer?.email).toBe('ursula@example.com');

    const card = await anna.call<Card>('customer.unlink', { customerId, kind: 'email', value: 'ursula@example.com' });
    expect(card.customer?.identities?.filter((i) => i.kind === 'email')).toEqual([
      { kind: 'email', value: 'u2@example.com' },
    ]);
    await anna.settled(hubSeq);
    await boris.settled(hubSeq);
    const seen = (await cardOf(boris, customerId)).customer!;
    expect(seen.email).toBe('u2@example.com');
    expect(seen.identities).not.toContainEqual({ kind: 'email', value: 'ursula@example.com' });
    const timeline = await boris.call<Timeline>('customer.timeline', { customerId });
    expect(timeline.items.some((i) => i.text === 'unlink me')).toBe(true);

    // Unlinking what the customer does not have names it.
    await expect(
      anna.call('customer.unlink', { customerId, kind: 'email', value: 'ursula@example.com' }),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('ursula@example.com') });
  });

  it('refuses bad identities and names the field; nothing reaches the outbox', async () => {
    const customerId = await webChatCustomer('Bad Input', 'bad input please');
    const before = (await anna.connection()).pendingMutations;
    await expect(
      anna.call('customer.link', { customerId, kind: 'phone', value: 'call me maybe' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/value.*phone "call me maybe" is not a valid phone number/),
    });
    await expect(
      anna.call('customer.link', { customerId, kind: 'email', value: 'not-an-email' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('email "not-an-email" is not an email address'),
    });
    await expect(anna.call('customer.update', { customerId, name: '   ' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('name is empty'),
    });
    expect((await anna.connection()).pendingMutations).toBe(before);

    // The hub checks too: a push straight to it with a bad phone is refused, naming the field.
    const reply = await api(hub.url, '/api/v1/sync/push', {
      token: adminToken,
      json: {
        mutations: [
          {
            id: uuidv7(Date.now()),
            kind: 'customer.link',
            customerId,
            identity: { kind: 'phone', value: '12' },
            createdAt: Date.now(),
          },
        ],
      },
    });
    expect(reply.body.results[0]).toMatchObject({
      outcome: 'rejected',
      error: { code: 'bad_request', message: expect.stringContaining('phone "12" is not a valid phone number') },
    });
  });

  it('creates a customer for an unknown caller; the number then finds them', async () => {
    const created = await anna.call<Card>('customer.create', { name: 'Nina New', phone: '+7 (903) 555-12-34' });
    expect(created.customer).toMatchObject({ name: 'Nina New', phone: '+79035551234' });
    await anna.settled(hubSeq);
    await boris.settled(hubSeq);
    const found = await anna.call<RequestOutput<'customer.findByPhone'>>('customer.findByPhone', {
      phone: '8 903 555 12 34',
    });
    expect(found.customer).toMatchObject({ id: created.customer!.id, name: 'Nina New' });
    // Boris's cache holds only the customers of threads in his reach (decision 0031): none of Nina's yet.
    const notCached = await boris.call<RequestOutput<'customer.findByPhone'>>('customer.findByPhone', {
      phone: '8 903 555 12 34',
    });
    expect(notCached.customer).toBeNull();
  });

  it('settles an edit conflict field by field: the first edit to reach the hub stands, the other is kept in history and its agent told', async () => {
    const customerId = await webChatCustomer('Olga Original', 'conflict me');
    await boris.settled(hubSeq);

    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    const offline = await anna.call<Card>('customer.update', {
      customerId,
      name: 'Olga Annina',
      notes: 'prefers calls after 18:00',
    });
    // The agent sees their edit at once, marked pending.
    expect(offline.customer).toMatchObject({ name: 'Olga Annina', notes: 'prefers calls after 18:00' });
    expect(offline.pending).toBe(1);

    await boris.call('customer.update', { customerId, name: 'Olga Borisova' });
    await boris.settled(hubSeq);

    anna.online();
    await anna.settled(hubSeq);
    const notice = await waitFor('anna told', async () =>
      anna.events
        .filter(([name]) => name === 'customer.notice')
        .map(([, payload]) => payload as CustomerNotice)
        .find((n) => n.customerId === customerId),
    );
    expect(notice).toMatchObject({
      code: 'customer_conflict',
      conflicts: [{ field: 'name', hubValue: 'Olga Borisova', yourValue: 'Olga Annina', by: 'Борис' }],
    });

    // The untouched-by-others field applied; the contested one kept Boris's value on both agents.
    for (const agent of [anna, boris]) {
      await agent.settled(hubSeq);
      expect((await cardOf(agent, customerId)).customer).toMatchObject({
        name: 'Olga Borisova',
        notes: 'prefers calls after 18:00',
      });
    }
    // Nothing Anna wrote disappeared: her name is in the card's history.
    const { history } = await anna.call<RequestOutput<'customer.history'>>('customer.history', { customerId });
    expect(history).toContainEqual(
      expect.objectContaining({ kind: 'kept', field: 'name', oldValue: 'Olga Borisova', newValue: 'Olga Annina' }),
    );

    // An edit made after seeing the newest state is a plain overwrite, with no notice.
    const noticesBefore = anna.events.filter(([name]) => name === 'customer.notice').length;
    await anna.call('customer.update', { customerId, name: 'Olga Final' });
    await anna.settled(hubSeq);
    await boris.settled(hubSeq);
    expect((await cardOf(boris, customerId)).customer?.name).toBe('Olga Final');
    expect(anna.events.filter(([name]) => name === 'customer.notice').length).toBe(noticesBefore);
  });
});

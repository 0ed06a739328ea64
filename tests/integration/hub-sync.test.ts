import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids.js';
import { PullResponse, PushResponse, SYNC_API, type Change } from '../../src/shared/sync.js';
import type { Hub } from '../../src/server/hub.js';
import { api, closeAll, customerSays, login, openLive, openWidget, removeTempDirs, startHub } from './hub-harness.js';

let hub: Hub;
let token: string;

beforeAll(async () => {
  hub = await startHub();
  token = await login(hub.url);
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

/** A customer writes in through the widget; returns the new thread's id and the customer's widget. */
async function newConversation(text = 'Hello, my order is late') {
  const { live } = await openLive(hub.url, token);
  const { widget } = await openWidget(hub.url);
  await customerSays(widget, text);
  const frame = await live.next((f) => f.type === 'changes' && f.changes.some((c: Change) => c.entity === 'thread'));
  closeAll(live);
  const thread = frame.changes.find((c: Change) => c.entity === 'thread').data;
  return { threadId: thread.id as string, widget };
}

function sendMutation(threadId: string, text: string) {
  const now = Date.now();
  return { id: uuidv7(now), kind: 'message.send', threadId, messageId: uuidv7(now), text, createdAt: now } as const;
}

async function push(mutations: unknown[]) {
  const reply = await api(hub.url, SYNC_API.push, { token, json: { mutations } });
  expect(reply.status).toBe(200);
  return PushResponse.parse(reply.body);
}

async function pullAll(after = 0): Promise<Change[]> {
  const reply = await api(hub.url, `${SYNC_API.pull}?after=${after}&limit=5000`, { token });
  return PullResponse.parse(reply.body).changes;
}

describe('push', () => {
  it('names the wrong field of a bad push body', async () => {
    const bad = { ...sendMutation(uuidv7(), 'hi'), threadId: 'not-a-uuid' };
    const reply = await api(hub.url, SYNC_API.push, { token, json: { mutations: [bad] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('bad_request');
    expect(reply.body.error.message).toContain('mutations.0.threadId');
    expect(reply.body.error.issues).toEqual([expect.objectContaining({ path: 'mutations.0.threadId' })]);
  });

  it('stores an agent reply, answers the thread and delivers the reply to the customer widget', async () => {
    const { threadId, widget } = await newConversation();
    const mutation = sendMutation(threadId, 'We are on it!');
    const { results } = await push([mutation]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: mutation.id, outcome: 'applied' });
    const thread = results[0]!.changes.find((c) => c.entity === 'thread')!.data;
    const message = results[0]!.changes.find((c) => c.entity === 'message')!.data;
    expect(thread).toMatchObject({ id: threadId, slaDueAt: null, lastMessagePreview: 'We are on it!' });
    expect(thread).toHaveProperty('assigneeId', expect.any(String));
    expect(message).toMatchObject({ id: mutation.messageId, direction: 'out', status: 'sent', text: 'We are on it!' });
    expect(message).toHaveProperty('author', expect.objectContaining({ kind: 'agent', name: 'Administrator' }));

    const delivered = await widget.next((f) => f.type === 'message' && f.message.id === mutation.messageId);
    expect(delivered.message).toMatchObject({ direction: 'out', authorName: 'Administrator', text: 'We are on it!' });
    closeAll(widget);
  });

  it('applies a mutation pushed twice once, answering the repeat with duplicate and the current state', async () => {
    const { threadId, widget } = await newConversation();
    const mutation = sendMutation(threadId, 'Only once, please');
    const first = await push([mutation]);
    const second = await push([mutation]);
    expect(first.results[0]!.outcome).toBe('applied');
    expect(second.results[0]!.outcome).toBe('duplicate');
    expect(second.results[0]!.changes.map((c) => c.entity).sort()).toEqual(['message', 'thread']);

    const copies = (await pullAll()).filter((c) => c.entity === 'message' && c.data.text === 'Only once, please');
    expect(copies).toHaveLength(1);
    // The customer got it once too.
    await widget.next((f) => f.type === 'message' && f.message.id === mutation.messageId);
    await widget.none((f) => f.type === 'message' && f.message.id === mutation.messageId);
    closeAll(widget);
  });

  it('rejects a reply to a thread that does not exist with not_found naming the thread', async () => {
    const missing = uuidv7();
    const { results } = await push([sendMutation(missing, 'Hello?')]);
    expect(results[0]!.outcome).toBe('rejected');
    expect(results[0]!.error?.code).toBe('not_found');
    expect(results[0]!.error?.message).toContain(missing);
    expect(results[0]!.changes).toEqual([]);
  });

  it('rejects a second mutation that reuses a message id as conflict', async () => {
    const { threadId, widget } = await newConversation();
    const first = sendMutation(threadId, 'first');
    const reuse = { ...sendMutation(threadId, 'second'), messageId: first.messageId };
    const { results } = await push([first, reuse]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'rejected']);
    expect(results[1]!.error?.code).toBe('conflict');
    closeAll(widget);
  });

  it('sets the agent status and returns the agent change', async () => {
    const mutation = { id: uuidv7(), kind: 'agent.setStatus', status: 'ready', createdAt: Date.now() } as const;
    const { results } = await push([mutation]);
    expect(results[0]!.outcome).toBe('applied');
    expect(results[0]!.changes).toEqual([
      expect.objectContaining({ entity: 'agent', data: expect.objectContaining({ status: 'ready' }) }),
    ]);
  });
});

describe('pull and live', () => {
  it('pages through changes with cursor, hasMore and remaining', async () => {
    await newConversation('paging one');
    await newConversation('paging two');
    const all = await pullAll();
    expect(all.length).toBeGreaterThanOrEqual(7);
    const seen: Change[] = [];
    let after = 0;
    for (let page = 0; page < 100; page++) {
      const reply = await api(hub.url, `${SYNC_API.pull}?after=${after}&limit=3`, { token });
      const body = PullResponse.parse(reply.body);
      seen.push(...body.changes);
      expect(body.changes.length).toBeLessThanOrEqual(3);
      expect(body.remaining).toBe(all.length - seen.length);
      expect(body.hasMore).toBe(body.remaining! > 0);
      expect(body.cursor).toBe(body.changes.at(-1)?.seq ?? after);
      after = body.cursor;
      if (!body.hasMore) break;
    }
    expect(seen).toEqual(all);
    const tail = PullResponse.parse((await api(hub.url, `${SYNC_API.pull}?after=${after}`, { token })).body);
    expect(tail).toMatchObject({ changes: [], cursor: after, hasMore: false, remaining: 0 });
  });

  it('counts what remains on the first page of a pull only; hasMore stays exact on later pages while customers write', async () => {
    const { widget } = await newConversation('first page count');
    const first = PullResponse.parse((await api(hub.url, `${SYNC_API.pull}?after=0&limit=2`, { token })).body);
    expect(first.hasMore).toBe(true);
    expect(first.remaining).toBe((await pullAll()).filter((c) => c.seq > first.cursor).length);
    let after = first.cursor;
    let writes = 0;
    for (let page = 0; page < 200; page++) {
      const url = `${SYNC_API.pull}?after=${after}&limit=2&continued=1`;
      const body = PullResponse.parse((await api(hub.url, url, { token })).body);
      // Not counted again: the client carries the first page's count on (puller.ts).
      expect(body).not.toHaveProperty('remaining');
      const left = (await pullAll()).filter((c) => c.seq > body.cursor).length;
      expect(body.hasMore).toBe(left > 0);
      after = body.cursor;
      // A new message between two pages: appended past the cursor, so hasMore must see it.
      if (writes < 3 && page % 2 === 0) {
        await customerSays(widget, `between pages ${writes++}`);
        continue;
      }
      if (!body.hasMore) break;
    }
    expect(writes).toBe(3);
    closeAll(widget);
  });

  it('names a bad pull parameter', async () => {
    const reply = await api(hub.url, `${SYNC_API.pull}?after=yesterday`, { token });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('after');
    const continued = await api(hub.url, `${SYNC_API.pull}?after=0&continued=maybe`, { token });
    expect(continued.status).toBe(400);
    expect(continued.body.error.message).toContain('continued');
  });

  it('chains live frames by prevSeq from the hello seq, matching what a pull returns', async () => {
    const { live, helloSeq } = await openLive(hub.url, token);
    expect(helloSeq).toBe((await pullAll()).at(-1)!.seq);
    const { threadId, widget } = await newConversation('chain me');
    await push([sendMutation(threadId, 'chained reply')]);
    await customerSays(widget, 'and a follow-up');

    let cursor = helloSeq;
    const received: Change[] = [];
    for (let i = 0; i < 3; i++) {
      const frame = await live.next((f) => f.type === 'changes');
      expect(frame.prevSeq).toBe(cursor);
      cursor = frame.changes.at(-1).seq;
      received.push(...frame.changes);
    }
    // Whatever arrived live is exactly the latest state a pull after the hello seq returns.
    const pulled = await pullAll(helloSeq);
    expect(pulled.at(-1)!.seq).toBe(cursor);
    for (const change of pulled) expect(received).toContainEqual(change);
    closeAll(live, widget);
  });

  it('keeps only the newest change per entity in the log', async () => {
    const { threadId, widget } = await newConversation('first words');
    const before = (await pullAll()).find((c) => c.entity === 'thread' && c.data.id === threadId)!;
    await push([sendMutation(threadId, 'reply one')]);
    await customerSays(widget, 'last words');
    const all = await pullAll();
    const keys = all.map((c) => `${c.entity}:${c.data.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const thread = all.filter((c) => c.entity === 'thread' && c.data.id === threadId);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.seq).toBeGreaterThan(before.seq);
    expect(thread[0]!.data).toMatchObject({ lastMessagePreview: 'last words' });
    // The superseded seq is a hole now.
    expect(all.some((c) => c.seq === before.seq)).toBe(false);
    closeAll(widget);
  });
});

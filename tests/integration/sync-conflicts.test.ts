/**
 * The conflict rules of docs/sync-protocol.md with two real agent cores and a real hub: a reply
 * typed offline to a thread another agent took meanwhile is kept, failed, and can be retried on
 * purpose or discarded; a reply to a thread closed meanwhile goes out anyway and the agent is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/domain.js';
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

let hub: Hub;
let anna: TestAgent;
let boris: TestAgent;
let borisToken: string;
let adminToken: string;
let hubSeq: () => Promise<number>;
const widgets: FrameQueue[] = [];

async function newThread(text: string): Promise<{ threadId: string; widget: FrameQueue }> {
  const { widget } = await openWidget(hub.url, { name: `Customer ${text}` });
  widgets.push(widget);
  await customerSays(widget, text);
  const thread = await queuedThread(anna, text);
  await queuedThread(boris, text);
  return { threadId: thread.id, widget };
}

async function messageIn(agent: TestAgent, threadId: string, id: string): Promise<Message | undefined> {
  return (await agent.messages(threadId)).find((m) => m.id === id);
}

beforeAll(async () => {
  hub = await startHub({ heartbeatMs: 500 });
  adminToken = await login(hub.url);
  await addAgent(hub.url, adminToken, 'boris', 'Борис');
  borisToken = await login(hub.url, 'boris', 'boris-password');
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

describe('conflicts', () => {
  it('keeps a reply to a thread taken meanwhile as failed, tells the agent, and sends it on retry', async () => {
    const { threadId, widget } = await newThread('taken while offline');
    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    const mine = await anna.call<Message>('message.send', { threadId, text: 'Anna typed this offline' });
    expect(mine.status).toBe('pending');
    expect((await anna.connection()).pendingMutations).toBe(1);

    const theirs = await boris.call<Message>('message.send', { threadId, text: 'Boris answered first' });
    await waitFor(
      'boris reply delivered',
      async () => (await messageIn(boris, threadId, theirs.id))?.status === 'sent',
    );

    anna.online();
    const notice = await waitFor('a thread_taken notice', () => anna.notices.find((n) => n.messageId === mine.id));
    expect(notice).toMatchObject({ code: 'thread_taken', threadId });
    expect(notice.threadNumber).toBeGreaterThan(0);
    expect(notice.detail).toContain('Борис');
    const failed = await waitFor('failed in the cache', async () => {
      const m = await messageIn(anna, threadId, mine.id);
      return m?.status === 'failed' ? m : null;
    });
    expect(failed.text).toBe('Anna typed this offline');
    const thread = await anna.call<{ thread: { assigneeId: string | null } }>('thread.get', { threadId });
    expect(thread.thread.assigneeId).toBe((await boris.call<{ agent: { id: string } }>('session.get')).agent.id);

    // Retry is the agent's decision: it goes out now, once.
    const retried = await anna.call<Message>('message.retry', { messageId: mine.id });
    expect(retried.status).toBe('pending');
    await waitFor('retried reply sent', async () => (await messageIn(anna, threadId, mine.id))?.status === 'sent');
    await widget.next((f) => f.type === 'message' && f.message.id === mine.id);
    await widget.none((f) => f.type === 'message' && f.message.id === mine.id);
    await anna.settled(hubSeq);
    expect((await anna.messages(threadId)).filter((m) => m.id === mine.id)).toHaveLength(1);
  });

  it('discards a refused reply for good', async () => {
    const { threadId } = await newThread('discard me');
    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    const mine = await anna.call<Message>('message.send', { threadId, text: 'Never mind' });
    const taken = await api(hub.url, `/api/v1/threads/${threadId}/take`, { token: borisToken, json: {} });
    expect(taken.status).toBe(200);
    anna.online();
    await waitFor('failed', async () => (await messageIn(anna, threadId, mine.id))?.status === 'failed');

    await expect(anna.call('message.discard', { messageId: mine.id })).resolves.toEqual({ messageId: mine.id });
    expect(await messageIn(anna, threadId, mine.id)).toBeUndefined();
    await expect(anna.call('message.retry', { messageId: mine.id })).rejects.toMatchObject({ code: 'not_found' });
    const hits = await anna.call<{ hits: unknown[] }>('search.messages', { query: 'Never mind' });
    expect(hits.hits).toHaveLength(0);
    await anna.settled(hubSeq);
    expect((await anna.connection()).pendingMutations).toBe(0);
  });

  it('refuses retry and discard of a message that did not fail', async () => {
    const { threadId } = await newThread('nothing failed here');
    const sent = await anna.call<Message>('message.send', { threadId, text: 'All good' });
    await waitFor('sent', async () => (await messageIn(anna, threadId, sent.id))?.status === 'sent');
    await expect(anna.call('message.retry', { messageId: sent.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(anna.call('message.discard', { messageId: sent.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await messageIn(anna, threadId, sent.id)).toMatchObject({ status: 'sent' });
  });

  it('sends a reply to a thread closed meanwhile and tells the agent', async () => {
    const { threadId, widget } = await newThread('closed while offline');
    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    const mine = await anna.call<Message>('message.send', { threadId, text: 'Here is your answer' });
    const closed = await api(hub.url, `/api/v1/threads/${threadId}/close`, { token: adminToken, json: {} });
    expect(closed.status).toBe(200);
    anna.online();
    const notice = await waitFor('a thread_closed notice', () => anna.notices.find((n) => n.messageId === mine.id));
    expect(notice).toMatchObject({ code: 'thread_closed', threadId });
    await widget.next((f) => f.type === 'message' && f.message.id === mine.id);
    await anna.settled(hubSeq);
    expect(await messageIn(anna, threadId, mine.id)).toMatchObject({ status: 'sent', text: 'Here is your answer' });
    const thread = await anna.call<{ thread: { status: string } }>('thread.get', { threadId });
    expect(thread.thread.status).toBe('closed');
  });
});

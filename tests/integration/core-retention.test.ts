/**
 * Retention end to end, with a real hub whose clock the test sets back (a conversation closed 400
 * days ago) and a real agent core: a clean-up removes that thread's messages from the cache; the
 * thread still opens in full from the hub while online, and offline shows what the cache kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStatus, QueueItem, RequestOutput } from '../../src/shared/contract.js';
import { hubSeqOf, queuedThread, startAgent, waitFor, type TestAgent } from './agent-harness.js';
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

const DAY = 86_400_000;
let hubSkew = -400 * DAY;
let hub: Awaited<ReturnType<typeof startHub>>;
let anna: TestAgent;
const widgets: FrameQueue[] = [];

async function threadSaying(text: string): Promise<QueueItem> {
  const { widget } = await openWidget(hub.url, { name: `Customer ${text}` });
  widgets.push(widget);
  await customerSays(widget, text);
  return queuedThread(anna, text);
}

beforeAll(async () => {
  hub = await startHub({ now: () => Date.now() + hubSkew });
  anna = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  closeAll(...widgets);
  await anna?.close();
  await hub?.close();
  removeTempDirs();
});

type Page = RequestOutput<'thread.messages'>;

describe('retention with a real hub', () => {
  it('prunes a conversation closed long ago, reads it back from the hub online, and keeps what is local', async () => {
    const old = await threadSaying('a question from last year');
    await anna.call('message.send', { threadId: old.id, text: 'an answer from last year' });
    await anna.settled(hubSeqOf(hub.url));
    const close = await api(hub.url, `/api/v1/threads/${old.id}/close`, {
      method: 'POST',
      token: await login(hub.url),
      json: {},
    });
    expect(close.status).toBe(200);
    hubSkew = 0; // today: the sign-in of last year has expired, so sign in again
    await anna.call('session.signIn', { hubUrl: anna.proxy.url, login: 'admin', password: ADMIN_PASSWORD });
    const fresh = await threadSaying('a question from today');
    await anna.settled(hubSeqOf(hub.url));
    const before = await anna.call<Page>('thread.messages', { threadId: old.id });
    expect(before.messages.map((m) => m.text)).toEqual(['a question from last year', 'an answer from last year']);

    const status = await anna.call<CacheStatus>('cache.maintain');
    expect(status.lastMaintenance).toMatchObject({ prunedThreads: 1, prunedMessages: 2 });
    expect(status.prunedThreads).toBe(1);
    // Search covers what the cache keeps.
    const hits = await anna.call<{ hits: { threadId: string }[] }>('search.messages', { query: 'question' });
    expect(hits.hits.map((h) => h.threadId)).toEqual([fresh.id]);

    // Online: the pruned conversation opens in full, from the hub; the thread stays in the closed list.
    const online = await anna.call<Page>('thread.messages', { threadId: old.id });
    expect(online.olderOnHub).toBeUndefined();
    expect(online.messages.map((m) => m.text)).toEqual(['a question from last year', 'an answer from last year']);
    const closed = await anna.call<{ items: QueueItem[] }>('queue.list', { status: 'closed' });
    expect(closed.items.map((t) => t.id)).toContain(old.id);

    // Offline: what the cache kept (nothing of that thread), no error; today's thread is whole.
    anna.offline();
    await waitFor('offline', async () => (await anna.connection()).status !== 'online');
    expect(await anna.call<Page>('thread.messages', { threadId: old.id })).toEqual({
      messages: [],
      hasMore: false,
      olderOnHub: true,
    });
    expect((await anna.call<Page>('thread.messages', { threadId: fresh.id })).messages).toHaveLength(1);
    anna.online();
  });
});

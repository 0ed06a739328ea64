/**
 * The agent core against a REAL hub on loopback: sign-in, live changes from a customer's widget,
 * the outbox reaching the hub exactly once, a hub restart, and the hub's refusals.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import type { ConnectionState, EventName, QueueItem, RequestName, SessionState } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { waitFor } from '../support/waitFor.js';
import type { Message } from '../../src/shared/domain.js';
import { PullResponse, SYNC_API, type Change } from '../../src/shared/sync.js';
import {
  ADMIN_PASSWORD,
  api,
  closeAll,
  customerSays,
  login,
  openWidget,
  removeTempDirs,
  startHub,
  tempDir,
  type FrameQueue,
} from './hub-harness.js';

type Hub = Awaited<ReturnType<typeof startHub>>;

let hub: Hub;
let core: AgentCore;
let dataDir: string;
let events: [EventName, unknown][] = [];

async function call<T = unknown>(name: RequestName, input: unknown = {}): Promise<T> {
  const result = await dispatch(core.handlers, name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.output as T;
}

const connection = () => call<ConnectionState>('connection.get');
const online = () => waitFor('online', async () => (await connection()).status === 'online');

async function startCore(): Promise<AgentCore> {
  const next = await createAgentCore({
    dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(dataDir),
    embeddedHubUrl: hub.url,
  });
  next.onEvent((name, payload) => events.push([name, payload]));
  return next;
}

async function hubPull(): Promise<Change[]> {
  const token = await login(hub.url);
  const reply = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  return PullResponse.parse(reply.body).changes;
}

async function threadOf(text: string): Promise<QueueItem> {
  return waitFor(`a queued thread saying "${text}"`, async () => {
    const { items } = await call<{ items: QueueItem[] }>('queue.list', { limit: 500 });
    return items.find((t) => t.lastMessagePreview.includes(text));
  });
}

async function messagesOf(threadId: string): Promise<Message[]> {
  return (await call<{ messages: Message[] }>('thread.messages', { threadId })).messages;
}

beforeAll(async () => {
  hub = await startHub();
  dataDir = tempDir('okno-core-sync-');
  core = await startCore();
});
afterAll(async () => {
  await core.close();
  await hub.close();
  removeTempDirs();
});

describe('agent core ↔ hub', () => {
  let widget: FrameQueue;
  let threadId: string;

  it('refuses a wrong password with invalid_credentials and stays signed out', async () => {
    await expect(call('session.signIn', { hubUrl: hub.url, login: 'admin', password: 'wrong' })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(await call<SessionState>('session.get')).toMatchObject({ signedIn: false });
    expect(existsSync(path.join(dataDir, 'credentials.json'))).toBe(false);
  });

  it('signs in, keeps the token sealed and goes online', async () => {
    const session = await call<SessionState>('session.signIn', {
      hubUrl: `${hub.url}/`,
      login: 'admin',
      password: ADMIN_PASSWORD,
    });
    expect(session).toMatchObject({ signedIn: true, hubUrl: hub.url, agent: { login: 'admin' } });
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { sealedToken: string };
    const token = createFileKeySecretBox(dataDir).decrypt(saved.sealedToken);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')).not.toContain(token);
    await online();
    expect(events.some(([name]) => name === 'session.changed')).toBe(true);
    // The embedded hub stays "null" in settings: its address may change between runs.
    expect(await call('settings.get')).toMatchObject({ hubUrl: null });
  });

  it("shows a customer's web-chat message in the queue", async () => {
    ({ widget } = await openWidget(hub.url, { name: 'Мария' }));
    events = [];
    await customerSays(widget, 'Карта заблокирована, помогите');
    const item = await threadOf('Карта заблокирована');
    threadId = item.id;
    expect(item.customerName).toBe('Мария');
    expect(item.slaDueAt).not.toBeNull();
    expect(
      events.some(
        ([name, p]) => name === 'queue.changed' && (p as { threadIds: string[] }).threadIds.includes(threadId),
      ),
    ).toBe(true);
    const [first] = await messagesOf(threadId);
    expect(first).toMatchObject({ direction: 'in', text: 'Карта заблокирована, помогите', status: 'sent' });
    const { hits } = await call<{ hits: { threadId: string }[] }>('search.messages', { query: 'заблокировали карту' });
    expect(hits.map((h) => h.threadId)).toContain(threadId);
  });

  it('sends a reply through the outbox exactly once', async () => {
    const sent = await call<Message>('message.send', { threadId, text: 'Разблокировали, проверьте' });
    expect(sent.status).toBe('pending');
    const delivered = await widget.next((f) => f.type === 'message' && f.message.id === sent.id);
    expect(delivered.message).toMatchObject({ direction: 'out', text: 'Разблокировали, проверьте' });
    await waitFor(
      'the reply to be sent',
      async () => (await messagesOf(threadId)).find((m) => m.id === sent.id)?.status === 'sent',
    );
    // The live feed may report the message before the push answer empties the outbox.
    await waitFor('an empty outbox', async () => (await connection()).pendingMutations === 0);
    await widget.none((f) => f.type === 'message' && f.message.id === sent.id, 500);
    const copies = (await hubPull()).filter(
      (c) => c.entity === 'message' && c.data.text === 'Разблокировали, проверьте',
    );
    expect(copies).toHaveLength(1);
    const mine = (await messagesOf(threadId)).filter((m) => m.text === 'Разблокировали, проверьте');
    expect(mine).toHaveLength(1);
  });

  it('changes the agent status on the hub', async () => {
    const agent = await call<{ status: string }>('agent.setStatus', { status: 'ready' });
    expect(agent.status).toBe('ready');
    await waitFor('the hub to know the status', async () =>
      (await hubPull()).some((c) => c.entity === 'agent' && c.data.login === 'admin' && c.data.status === 'ready'),
    );
    expect((await call<SessionState>('session.get')).agent?.status).toBe('ready');
  });

  it('keeps working through a hub restart: queues offline, then reconnects and resumes', async () => {
    const port = Number(new URL(hub.url).port);
    closeAll(widget);
    await hub.close();
    await waitFor('the link to drop', async () => ['reconnecting', 'offline'].includes((await connection()).status));
    const lost = await connection();
    expect(lost.since).not.toBeNull();

    const offlineReply = await call<Message>('message.send', { threadId, text: 'Пока без связи' });
    expect(offlineReply.status).toBe('pending');
    await waitFor('the pending count', async () => (await connection()).pendingMutations === 1);

    hub = await startHub({ dataDir: hub.dataDir, port });
    await online();
    await waitFor('the offline reply to reach the hub', async () =>
      (await messagesOf(threadId)).some((m) => m.id === offlineReply.id && m.status === 'sent'),
    );
    await waitFor('an empty outbox', async () => (await connection()).pendingMutations === 0);

    ({ widget } = await openWidget(hub.url, { name: 'Олег' }));
    await customerSays(widget, 'После перезапуска всё работает?');
    await threadOf('После перезапуска');
    closeAll(widget);
  });

  it('resumes sync by itself after the app restarts with saved credentials', async () => {
    await core.close();
    core = await startCore();
    expect(await call<SessionState>('session.get')).toMatchObject({ signedIn: true, agent: { login: 'admin' } });
    await online();
    ({ widget } = await openWidget(hub.url, { name: 'Пётр' }));
    await customerSays(widget, 'Вопрос после перезапуска приложения');
    await threadOf('после перезапуска приложения');
    closeAll(widget);
  });

  it('rebuilds the replica when the hub database changes, and signs out when the hub forgets the token', async () => {
    const port = Number(new URL(hub.url).port);
    await hub.close();
    hub = await startHub({ port }); // a brand-new database on the same address
    await waitFor('signed out after 401', async () => !(await call<SessionState>('session.get')).signedIn);
    expect((await connection()).status).toBe('signed_out');
    expect(existsSync(path.join(dataDir, 'credentials.json'))).toBe(false);

    await call('session.signIn', { hubUrl: hub.url, login: 'admin', password: ADMIN_PASSWORD });
    await online();
    expect(await call('queue.list')).toEqual({ items: [], total: 0 });
    await expect(call('thread.get', { threadId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('signs out on request: sync stops and the token is deleted', async () => {
    const state = await call<SessionState>('session.signOut');
    expect(state).toMatchObject({ signedIn: false, agent: null });
    expect(existsSync(path.join(dataDir, 'credentials.json'))).toBe(false);
    expect((await connection()).status).toBe('signed_out');
    await expect(call('agent.setStatus', { status: 'ready' })).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});

describe('first-sync progress', () => {
  it('reports rows gone through and rows left page by page from one count on the first page, ending at 0', async () => {
    const { widget } = await openWidget(hub.url, { name: 'Progress' });
    for (let i = 0; i < 8; i++) await customerSays(widget, `progress ${i}`);
    closeAll(widget);
    const rows = (await hubPull()).length; // the admin sees every row of the log
    const dir = tempDir('okno-core-progress-');
    const fresh = await createAgentCore({
      dataDir: dir,
      host: 'browser',
      secretBox: createFileKeySecretBox(dir),
      embeddedHubUrl: hub.url,
      cacheMaintenanceDelayMs: null,
      syncTiming: { pullPageSize: 3 },
    });
    const progress: { applied: number; remaining: number }[] = [];
    fresh.onEvent((name, payload) => {
      if (name === 'sync.progress') progress.push(payload as { applied: number; remaining: number });
    });
    try {
      const signedIn = await dispatch(fresh.handlers, 'session.signIn', {
        hubUrl: hub.url,
        login: 'admin',
        password: ADMIN_PASSWORD,
      });
      expect(signedIn.ok).toBe(true);
      await waitFor('the first sync to end', () => progress.at(-1)?.remaining === 0);
      expect(progress.length).toBeGreaterThanOrEqual(Math.floor(rows / 3));
      // The first page's count covers the whole log; later pages carry it on.
      expect(progress[0]!.applied + progress[0]!.remaining).toBeGreaterThanOrEqual(rows);
      expect(progress.at(-1)!.applied).toBeGreaterThanOrEqual(rows);
      for (let i = 1; i < progress.length; i++) expect(progress[i]!.applied).toBeGreaterThan(progress[i - 1]!.applied);
      // Never "done" before the last page, and the bar the renderer draws only moves forward.
      expect(progress.slice(0, -1).every((p) => p.remaining >= 1)).toBe(true);
      const percents = progress.map((p) => Math.floor((p.applied / (p.applied + p.remaining)) * 100));
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(percents.at(-1)).toBe(100);
    } finally {
      await fresh.close();
    }
  });
});

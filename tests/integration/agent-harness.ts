/**
 * Agent cores in this process, each behind its own fault proxy so a test can take one agent
 * offline (its Wi-Fi gone) while the hub and the other agent carry on.
 */
import { waitFor } from '../support/waitFor.js';
import path from 'node:path';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import type { ConnectionState, EventName, QueueItem, RequestName, SyncNotice } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import type { Message } from '../../src/shared/domain.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { api, login, tempDir } from './hub-harness.js';
import { cacheKeyOf } from '../support/cacheKey.js';

export interface TestAgent {
  core: AgentCore;
  proxy: FaultProxy;
  dataDir: string;
  notices: SyncNotice[];
  events: [EventName, unknown][];
  call<T = unknown>(name: RequestName, input?: unknown): Promise<T>;
  offline(): void;
  online(): void;
  connection(): Promise<ConnectionState>;
  /** Waits until the outbox is drained (or only failed rows remain), the link is up and the cursor caught up. */
  settled(hubSeq: () => Promise<number>, timeoutMs?: number): Promise<void>;
  messages(threadId: string): Promise<Message[]>;
  cursor(): number;
  close(): Promise<void>;
}

export { waitFor };

/** Adds an agent to the hub (as the admin) and returns its login. */
export async function addAgent(hubUrl: string, adminToken: string, loginName: string, name: string): Promise<void> {
  const reply = await api(hubUrl, '/api/v1/agents', {
    token: adminToken,
    json: { login: loginName, name, password: `${loginName}-password`, role: 'agent' },
  });
  if (reply.status !== 201) throw new Error(`creating ${loginName} failed: ${JSON.stringify(reply.body)}`);
}

export async function startAgent(
  hubUrl: string,
  loginName: string,
  password: string,
  options: { now?: () => number } = {},
): Promise<TestAgent> {
  const proxy = await startFaultProxy(Number(new URL(hubUrl).port));
  const dataDir = tempDir(`okno-agent-${loginName}-`);
  const core = await createAgentCore({
    dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(dataDir),
    syncTiming: { heartbeatMs: 500, backoffBaseMs: 30, backoffMaxMs: 300, requestTimeoutMs: 3000 },
    now: options.now,
  });
  const notices: SyncNotice[] = [];
  const events: [EventName, unknown][] = [];
  core.onEvent((name, payload) => {
    events.push([name, payload]);
    if (name === 'sync.notice') notices.push(payload as SyncNotice);
  });
  async function call<T>(name: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, name, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.output as T;
  }
  const cursor = () => {
    const db = openSqlite(path.join(dataDir, STORE_FILE), cacheKeyOf(dataDir));
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value: string } | undefined;
      return Number(row?.value ?? 0);
    } finally {
      db.close();
    }
  };
  const connection = () => call<ConnectionState>('connection.get');
  await call('session.signIn', { hubUrl: proxy.url, login: loginName, password });
  await waitFor(`${loginName} online`, async () => (await connection()).status === 'online');
  return {
    core,
    proxy,
    dataDir,
    notices,
    events,
    call,
    offline: () => proxy.setOffline(true),
    online: () => proxy.setOffline(false),
    connection,
    async settled(hubSeq, timeoutMs = 15_000) {
      await waitFor(
        `${loginName} settled`,
        async () => {
          const state = await connection();
          return state.status === 'online' && state.pendingMutations === 0 && cursor() >= (await hubSeq());
        },
        timeoutMs,
      );
    },
    messages: async (threadId) =>
      (await call<{ messages: Message[] }>('thread.messages', { threadId, limit: 500 })).messages,
    cursor,
    async close() {
      await core.close();
      await proxy.close();
    },
  };
}

/** Waits until the agent's queue holds the thread whose last message contains `text`. */
export function queuedThread(agent: TestAgent, text: string): Promise<QueueItem> {
  return waitFor(`thread "${text}"`, async () => {
    const { items } = await agent.call<{ items: QueueItem[] }>('queue.list', { limit: 500 });
    return items.find((t) => t.lastMessagePreview.includes(text));
  });
}

/** The hub's newest change seq (pulling on from where the last call stopped). */
export function hubSeqOf(hubUrl: string): () => Promise<number> {
  let token: string | null = null;
  let after = 0;
  return async () => {
    token ??= await login(hubUrl);
    for (;;) {
      const reply = await api(hubUrl, `/api/v1/sync/pull?after=${after}&limit=5000`, { token });
      const body = reply.body as { cursor: number; hasMore: boolean };
      after = body.cursor;
      if (!body.hasMore) return after;
    }
  };
}

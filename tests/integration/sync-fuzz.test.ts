/**
 * A seeded fuzz of three agents against a pure model of the hub. Each step is one of: an agent types
 * a reply (online, or offline into its outbox), an agent's link goes down or comes back, an agent
 * takes, hands over or closes a thread on the hub, an agent's core is restarted on its data folder,
 * a customer opens a new thread. The model knows what the hub must then hold (each thread's
 * assignee, status and agent replies in order) and what each agent's cache must show (a reply sent,
 * or kept as failed after `thread_taken`); the real cores and the real hub are compared with it
 * after every step (the threads the step touched) and in full every CHECK_EVERY steps and at the
 * end. Any lost, duplicated or reordered reply, or any other difference, fails the run naming the
 * seed and the first failing step.
 *
 * OKNO_FUZZ_STEPS sets the steps (default 1000 for `npm test`; `npm run faults` runs 10 000),
 * OKNO_FUZZ_SEED the seed (printed either way, so a failing run can be replayed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import { openLocalStore, STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import type { ConnectionState, RequestName } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import type { Message, Thread } from '../../src/shared/domain.js';
import { PullResponse, SYNC_API } from '../../src/shared/sync.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { waitFor } from '../support/waitFor.js';
import { addAgent } from './agent-harness.js';
import { customerAddress, openWidgetFrom } from '../support/widgetCustomer.js';
import { api, customerSays, login, removeTempDirs, startHub, tempDir } from './hub-harness.js';
import { cacheKeyOf } from '../support/cacheKey.js';

const STEPS = Number(process.env.OKNO_FUZZ_STEPS ?? 1000);
const SEED = Number(process.env.OKNO_FUZZ_SEED ?? 20261206);
const CHECK_EVERY = 250;
const AGENTS = 3;

/** mulberry32: a small seeded PRNG, so a run is replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step =
  | { kind: 'send'; agent: number; thread: number }
  | { kind: 'offline'; agent: number }
  | { kind: 'online'; agent: number }
  | { kind: 'take'; agent: number; thread: number }
  | { kind: 'handover'; agent: number; thread: number; to: number }
  | { kind: 'close'; agent: number; thread: number }
  | { kind: 'restart'; agent: number }
  | { kind: 'newThread' };

const WEIGHTS: [Step['kind'], number][] = [
  ['send', 40],
  ['offline', 7],
  ['online', 7],
  ['take', 10],
  ['handover', 7],
  ['close', 4],
  ['restart', 3],
  ['newThread', 5],
];

// ── the model ───────────────────────────────────────────────────────────────────────────────

interface Seen {
  assigneeId: string | null;
  status: 'open' | 'closed';
}
interface ModelThread extends Seen {
  id: string;
  /** The agents' replies in hub order (texts). */
  replies: string[];
}
interface ModelAgent {
  id: string;
  online: boolean;
  /** The threads as this agent's cache shows them. */
  view: Map<string, Seen>;
  /** Typed while offline, in order, with the thread as seen when typed. */
  outbox: { text: string; threadId: string; seen: Seen }[];
  /** Every reply typed: its thread and what must become of it. */
  typed: Map<string, { threadId: string; outcome: 'pending' | 'sent' | 'failed' }>;
}

const model = {
  threads: [] as ModelThread[],
  byId: new Map<string, ModelThread>(),
  agents: [] as ModelAgent[],
};

/** The hub's rules for one reply (src/server/sync/replyConflicts.ts, sendAgentReply.ts). */
function modelPush(agent: ModelAgent, entry: { text: string; threadId: string; seen: Seen }): void {
  const thread = model.byId.get(entry.threadId)!;
  const taker = thread.assigneeId;
  if (taker !== null && taker !== agent.id && taker !== entry.seen.assigneeId) {
    agent.typed.get(entry.text)!.outcome = 'failed';
    return;
  }
  thread.replies.push(entry.text);
  thread.assigneeId ??= agent.id;
  agent.typed.get(entry.text)!.outcome = 'sent';
}

/** An online agent's cache caught up: its outbox pushed in order, its view the hub's. */
/** An agent's reach (decision 0031; no groups here): their own threads and the unassigned ones. */
function inReach(agent: ModelAgent, thread: { assigneeId: string | null }): boolean {
  return thread.assigneeId === null || thread.assigneeId === agent.id;
}

function modelSync(agent: ModelAgent): void {
  for (const entry of agent.outbox.splice(0)) modelPush(agent, entry);
  // A thread out of reach leaves the cache, unless it holds a failed reply of the agent: then it stays
  // as the agent last saw it until they discard the reply.
  const failedIn = new Set([...agent.typed.values()].filter((t) => t.outcome === 'failed').map((t) => t.threadId));
  const view = new Map<string, Seen>();
  for (const t of model.threads) {
    const last = agent.view.get(t.id);
    if (inReach(agent, t)) view.set(t.id, { assigneeId: t.assigneeId, status: t.status });
    else if (last && failedIn.has(t.id)) view.set(t.id, last);
  }
  agent.view = view;
}

/** What the hub answers to take / hand over / close (textRouting.ts, routingRoutes.ts): null is 200. */
function modelTake(agent: ModelAgent, thread: ModelThread): string | null {
  if (thread.status === 'closed') return 'conflict';
  if (thread.assigneeId === agent.id) return null;
  if (thread.assigneeId !== null) return 'conflict';
  thread.assigneeId = agent.id;
  return null;
}
function modelHandOver(agent: ModelAgent, thread: ModelThread, to: ModelAgent): string | null {
  if (thread.status === 'closed') return 'conflict';
  if (thread.assigneeId !== agent.id) return 'forbidden';
  thread.assigneeId = to.id;
  return null;
}
function modelClose(agent: ModelAgent, thread: ModelThread): string | null {
  if (thread.assigneeId !== agent.id) return 'forbidden';
  if (thread.status === 'closed') return 'conflict';
  thread.status = 'closed';
  return null;
}

// ── the real side ───────────────────────────────────────────────────────────────────────────

interface RealAgent {
  login: string;
  token: string;
  dataDir: string;
  proxy: FaultProxy;
  core: AgentCore;
}

type Hub = Awaited<ReturnType<typeof startHub>>;
let hub: Hub;
let adminToken: string;
const real: RealAgent[] = [];
const counts = {
  steps: 0,
  typed: 0,
  typedOffline: 0,
  notInCache: 0,
  sent: 0,
  failed: 0,
  offline: 0,
  online: 0,
  restarts: 0,
  newThreads: 0,
  takes: 0,
  handOvers: 0,
  closes: 0,
  refusedOnHub: 0,
};

async function call<T>(core: AgentCore, name: RequestName, input: unknown = {}): Promise<T> {
  const result = await dispatch(core.handlers, name, input);
  if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
  return result.output as T;
}

async function openCore(agent: { dataDir: string }): Promise<AgentCore> {
  return createAgentCore({
    dataDir: agent.dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(agent.dataDir),
    syncTiming: { heartbeatMs: 500, backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 3000 },
    cacheMaintenanceDelayMs: null,
  });
}

function cursorOf(agent: RealAgent): number {
  const db = openSqlite(path.join(agent.dataDir, STORE_FILE), cacheKeyOf(agent.dataDir));
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value: string } | undefined;
    return Number(row?.value ?? 0);
  } finally {
    db.close();
  }
}

/** The hub as the admin pulls it, kept up to date incrementally. */
const mirror = {
  cursor: 0,
  threads: new Map<string, Thread>(),
  messages: new Map<string, { seq: number; message: Message }>(),
};
async function pullMirror(): Promise<number> {
  for (;;) {
    const reply = await api(hub.url, `${SYNC_API.pull}?after=${mirror.cursor}&limit=5000`, { token: adminToken });
    const page = PullResponse.parse(reply.body);
    for (const change of page.changes) {
      if (change.entity === 'thread') mirror.threads.set(change.data.id, change.data);
      if (change.entity === 'message') mirror.messages.set(change.data.id, { seq: change.seq, message: change.data });
    }
    mirror.cursor = page.cursor;
    if (!page.hasMore) return mirror.cursor;
  }
}

/** Outbox pushed (only failed rows left), link up, cache caught up with the hub. */
async function settled(agent: RealAgent): Promise<void> {
  const seq = await pullMirror();
  await waitFor(
    `${agent.login} settled at seq ${seq}`,
    async () => {
      const state = await call<ConnectionState>(agent.core, 'connection.get');
      return state.status === 'online' && state.pendingMutations === 0 && cursorOf(agent) >= seq;
    },
    20_000,
    10,
  );
}

function replyOrder(threadId: string): string[] {
  return [...mirror.messages.values()]
    .filter((m) => m.message.threadId === threadId && m.message.author.kind === 'agent')
    .sort((a, b) => a.seq - b.seq)
    .map((m) => m.message.text);
}

/** The hub's side of one thread against the model. */
async function checkThread(thread: ModelThread): Promise<void> {
  await pullMirror();
  const onHub = mirror.threads.get(thread.id);
  const seen = { assigneeId: onHub?.assigneeId, status: onHub?.status, replies: replyOrder(thread.id) };
  const expected = { assigneeId: thread.assigneeId, status: thread.status, replies: thread.replies };
  if (JSON.stringify(seen) !== JSON.stringify(expected)) {
    const lost = thread.replies.filter((t) => !seen.replies.includes(t));
    const extra = seen.replies.filter((t, i) => seen.replies.indexOf(t) !== i || !thread.replies.includes(t));
    throw new Error(
      `thread ${thread.id} on the hub ${JSON.stringify(seen)}, model ${JSON.stringify(expected)}; ` +
        `lost ${JSON.stringify(lost)}, duplicated or unexpected ${JSON.stringify(extra)}`,
    );
  }
}

/** Every thread on the hub, and every reply in every agent's cache, against the model. */
async function checkAll(): Promise<void> {
  for (const thread of model.threads) await checkThread(thread);
  for (let a = 0; a < AGENTS; a++) {
    const agent = model.agents[a]!;
    for (const thread of model.threads) {
      if (!agent.view.has(thread.id)) continue;
      const { messages, olderOnHub } = await call<{ messages: Message[]; olderOnHub?: boolean }>(
        real[a]!.core,
        'thread.messages',
        {
          threadId: thread.id,
          limit: 500,
        },
      );
      const mine = messages.filter((m) => agent.typed.has(m.text));
      for (const m of mine) {
        const want = agent.typed.get(m.text)!;
        const status = want.outcome === 'pending' ? 'pending' : want.outcome;
        if (m.status !== status)
          throw new Error(`agent ${a}: "${m.text}" is ${m.status} in the cache, model ${status}`);
      }
      // Out of reach (kept only for a failed reply): the replies the hub stored left with the thread.
      const expected = [...agent.typed]
        .filter(
          ([, t]) =>
            t.threadId === thread.id &&
            // A thread back in reach read while offline: what came before its return is on the hub only.
            ((inReach(agent, thread) && !olderOnHub) || t.outcome !== 'sent'),
        )
        .map(([text]) => text);
      const got = mine.map((m) => m.text);
      if (got.length !== new Set(got).size || expected.some((t) => !got.includes(t))) {
        throw new Error(
          `agent ${a}: thread ${thread.id} cache holds ${JSON.stringify(got)}, typed ${JSON.stringify(expected)}`,
        );
      }
    }
  }
}

/** JSON with sorted keys, so two objects compare by content, not by key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

// ── steps ───────────────────────────────────────────────────────────────────────────────────

async function newThread(): Promise<ModelThread> {
  const n = model.threads.length;
  const { widget } = await openWidgetFrom(hub.url, customerAddress(n), { name: `Fuzz customer ${n}` });
  await customerSays(widget, `fuzz thread ${n}`);
  widget.socket.terminate();
  await pullMirror();
  const found = [...mirror.threads.values()].find((t) => !model.byId.has(t.id));
  if (!found) throw new Error(`the hub shows no new thread for "fuzz thread ${n}"`);
  const thread: ModelThread = { id: found.id, assigneeId: found.assigneeId, status: found.status, replies: [] };
  model.threads.push(thread);
  model.byId.set(thread.id, thread);
  return thread;
}

async function hubAction(agent: number, route: string, json: unknown): Promise<string | null> {
  const reply = await api(hub.url, route, { token: real[agent]!.token, json });
  if (reply.status < 300) return null;
  return (reply.body as { error?: { code?: string } }).error?.code ?? `HTTP ${reply.status}`;
}

function expectAnswer(what: string, got: string | null, want: string | null): void {
  if (got !== want) throw new Error(`${what}: the hub answered ${got ?? 'ok'}, the model ${want ?? 'ok'}`);
  if (got) counts.refusedOnHub += 1;
}

async function perform(step: Step, n: number): Promise<ModelThread[]> {
  switch (step.kind) {
    case 'send': {
      const agent = model.agents[step.agent]!;
      const ra = real[step.agent]!;
      const thread = model.threads[step.thread]!;
      if (agent.online) {
        await settled(ra);
        modelSync(agent);
      }
      const text = `fuzz ${n} a${step.agent}`;
      const seen = agent.view.get(thread.id);
      if (!seen) {
        // Never synced into this agent's cache (it was offline): the core refuses, nothing is written.
        const refused = await call(ra.core, 'message.send', { threadId: thread.id, text }).then(
          () => null,
          (error: { code?: string }) => error.code ?? 'error',
        );
        if (refused !== 'not_found') throw new Error(`a reply to a thread not in the cache: ${refused ?? 'accepted'}`);
        counts.notInCache += 1;
        return [];
      }
      await call(ra.core, 'message.send', { threadId: thread.id, text });
      agent.typed.set(text, { threadId: thread.id, outcome: 'pending' });
      counts.typed += 1;
      if (agent.online) {
        modelPush(agent, { text, threadId: thread.id, seen });
        await settled(ra);
        modelSync(agent);
      } else {
        agent.outbox.push({ text, threadId: thread.id, seen });
        counts.typedOffline += 1;
      }
      return [thread];
    }
    case 'offline': {
      const agent = model.agents[step.agent]!;
      if (!agent.online) return [];
      await settled(real[step.agent]!);
      modelSync(agent);
      real[step.agent]!.proxy.setOffline(true);
      agent.online = false;
      counts.offline += 1;
      return [];
    }
    case 'online': {
      const agent = model.agents[step.agent]!;
      if (agent.online) return [];
      const touched = agent.outbox.map((e) => model.byId.get(e.threadId)!);
      real[step.agent]!.proxy.setOffline(false);
      agent.online = true;
      await settled(real[step.agent]!);
      modelSync(agent);
      counts.online += 1;
      return [...new Set(touched)];
    }
    case 'take': {
      const thread = model.threads[step.thread]!;
      const want = modelTake(model.agents[step.agent]!, thread);
      expectAnswer('take', await hubAction(step.agent, `/api/v1/threads/${thread.id}/take`, {}), want);
      counts.takes += 1;
      return [thread];
    }
    case 'handover': {
      const thread = model.threads[step.thread]!;
      const want = modelHandOver(model.agents[step.agent]!, thread, model.agents[step.to]!);
      const json = { agentId: model.agents[step.to]!.id, note: 'fuzz' };
      expectAnswer('hand over', await hubAction(step.agent, `/api/v1/threads/${thread.id}/handover`, json), want);
      counts.handOvers += 1;
      return [thread];
    }
    case 'close': {
      const thread = model.threads[step.thread]!;
      const want = modelClose(model.agents[step.agent]!, thread);
      expectAnswer('close', await hubAction(step.agent, `/api/v1/threads/${thread.id}/close`, {}), want);
      counts.closes += 1;
      return [thread];
    }
    case 'restart': {
      const ra = real[step.agent]!;
      await ra.core.close();
      ra.core = await openCore(ra);
      counts.restarts += 1;
      if (model.agents[step.agent]!.online) {
        await settled(ra);
        modelSync(model.agents[step.agent]!);
      }
      return [];
    }
    case 'newThread':
      counts.newThreads += 1;
      return [await newThread()];
  }
}

function pickStep(random: () => number): Step {
  const total = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  const kind = WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'send';
  const agent = Math.floor(random() * AGENTS);
  // Mostly the newest threads, so a thread sees several agents' replies and moves before it closes.
  const recent = Math.min(model.threads.length, 6);
  const thread = model.threads.length - 1 - Math.floor(random() * recent);
  switch (kind) {
    case 'send':
    case 'take':
    case 'close':
      return { kind, agent, thread };
    case 'handover':
      return { kind, agent, thread, to: Math.floor(random() * AGENTS) };
    case 'offline':
    case 'online':
    case 'restart':
      return { kind, agent };
    case 'newThread':
      return { kind };
  }
}

beforeAll(async () => {
  // Nobody is offered threads (every agent not ready, no clock) and nobody is timed out while offline:
  // the hub moves a thread only when a step says so.
  hub = await startHub({ heartbeatMs: 500, clockMs: 0, offlineGraceMs: 24 * 3600_000 });
  adminToken = await login(hub.url);
  for (let a = 0; a < AGENTS; a++) {
    const name = `fuzz${a}`;
    await addAgent(hub.url, adminToken, name, `Fuzz ${a}`);
    const signedIn = await api(hub.url, SYNC_API.login, { json: { login: name, password: `${name}-password` } });
    const dataDir = tempDir(`okno-fuzz-${name}-`);
    const proxy = await startFaultProxy(Number(new URL(hub.url).port));
    const core = await openCore({ dataDir });
    // On a loaded machine a first sign-in may miss the request timeout: the agent tries again.
    await waitFor(
      `${name} signed in`,
      () =>
        call(core, 'session.signIn', { hubUrl: proxy.url, login: name, password: `${name}-password` }).then(
          () => true,
          () => false,
        ),
      60_000,
      200,
    );
    await call(core, 'agent.setStatus', { status: 'not_ready', reason: 'break' });
    real.push({ login: name, token: signedIn.body.token as string, dataDir, proxy, core });
    model.agents.push({
      id: signedIn.body.agent.id as string,
      online: true,
      view: new Map(),
      outbox: [],
      typed: new Map(),
    });
  }
  for (let t = 0; t < 3; t++) await newThread();
  for (let a = 0; a < AGENTS; a++) {
    await settled(real[a]!);
    modelSync(model.agents[a]!);
  }
}, 120_000);

afterAll(async () => {
  for (const agent of real) {
    await agent.core.close();
    await agent.proxy.close();
  }
  await hub?.close();
  removeTempDirs();
});

describe('sync fuzz: three agents against a model of the hub', () => {
  it(
    `matches the model through ${STEPS} seeded steps`,
    async () => {
      process.stdout.write(`sync fuzz: seed ${SEED} (OKNO_FUZZ_SEED=${SEED} replays it), ${STEPS} steps\n`);
      const startedAt = Date.now();
      const random = seeded(SEED);
      const recent: string[] = [];
      for (let n = 1; n <= STEPS; n++) {
        const step = pickStep(random);
        recent.push(`${n} ${JSON.stringify(step)}`);
        if (recent.length > 8) recent.shift();
        try {
          for (const thread of await perform(step, n)) await checkThread(thread);
          if (n % CHECK_EVERY === 0) await checkAll();
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          process.stdout.write(`sync fuzz FAILED: seed ${SEED}, first failing step ${n} ${JSON.stringify(step)}\n`);
          throw new Error(
            `seed ${SEED}, first failing step ${n} ${JSON.stringify(step)}: ${reason}\nthe steps up to it:\n${recent.join('\n')}`,
          );
        }
        counts.steps += 1;
      }

      // Everyone back online one after the other, as the online step does (two outboxes pushed at once
      // reach the hub in an order no model can know), every cache caught up, then all compared.
      for (let a = 0; a < AGENTS; a++) {
        await perform({ kind: 'online', agent: a }, STEPS + 1);
        await settled(real[a]!);
        modelSync(model.agents[a]!);
      }
      await checkAll();

      // The caches equal the hub (threads and messages), plus only the failed replies of their authors.
      await pullMirror();
      for (let a = 0; a < AGENTS; a++) {
        await real[a]!.core.close();
        const store = openLocalStore(real[a]!.dataDir, { key: cacheKeyOf(real[a]!.dataDir) });
        try {
          // Within the agent's reach the cache equals the hub; outside it holds nothing of the hub's,
          // only threads kept for the agent's failed replies (decision 0031).
          const agent = model.agents[a]!;
          for (const thread of mirror.threads.values()) {
            const cached = store.threads.get(thread.id);
            if (inReach(agent, thread)) {
              expect(canonical(cached), `agent ${a}: thread ${thread.id}`).toBe(canonical(thread));
            } else if (!store.reach.isRevoked(thread.id)) {
              expect(cached, `agent ${a}: thread ${thread.id} out of reach`).toBeNull();
            }
          }
          const local = store.db.prepare('SELECT count(*) AS n FROM messages WHERE seq = 0').get() as { n: number };
          const failed = [...agent.typed.values()].filter((t) => t.outcome === 'failed').length;
          expect(local.n, `agent ${a}: messages only in the cache are its failed replies`).toBe(failed);
          for (const { message } of mirror.messages.values()) {
            const thread = mirror.threads.get(message.threadId)!;
            const cached = store.messages.get(message.id);
            if (!inReach(agent, thread)) expect(cached, `agent ${a}: message out of reach`).toBeNull();
            // A thread back in reach after leaving it holds only what came since; the hub has the rest.
            else if (!store.reach.isPartial(thread.id))
              expect(cached, `agent ${a}: message ${message.id}`).not.toBeNull();
          }
        } finally {
          store.close();
        }
        real[a]!.core = await openCore(real[a]!);
      }

      for (const agent of model.agents) {
        for (const t of agent.typed.values()) {
          if (t.outcome === 'sent') counts.sent += 1;
          if (t.outcome === 'failed') counts.failed += 1;
        }
      }
      const onHub = model.threads.reduce((sum, t) => sum + t.replies.length, 0);
      process.stdout.write(
        `sync fuzz: seed ${SEED}, ${counts.steps} steps in ${Math.round((Date.now() - startedAt) / 1000)} s; ` +
          `replies typed ${counts.typed} (${counts.typedOffline} offline), on the hub ${onHub} ` +
          `(${counts.sent} sent, ${counts.failed} kept as failed after thread_taken), ` +
          `refused for a thread not in the cache ${counts.notInCache}; offline ${counts.offline}, online ${counts.online}, ` +
          `core restarts ${counts.restarts}, takes ${counts.takes}, hand-overs ${counts.handOvers}, closes ${counts.closes} ` +
          `(${counts.refusedOnHub} refused as the model said), threads ${model.threads.length}; lost 0, duplicated 0, reordered 0\n`,
      );
      expect(onHub).toBe(counts.sent);
    },
    120_000 + STEPS * 400,
  );
});

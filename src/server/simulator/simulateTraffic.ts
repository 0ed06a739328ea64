/**
 * Drives mixed traffic into a running hub, the way customers and agents would: web chats through
 * the widget socket (answered by the agent routing picked, or left unanswered and closed), and
 * inbound calls logged by agents' softphones (answered or missed). Bounded: `contacts` contacts,
 * `concurrency` at a time. Waits are in simulated milliseconds; `advance` moves the hub's clock
 * (time compression) and `pauseMs` is the real pause between steps.
 */
import WebSocket from 'ws';
import { uuidv7 } from '../../shared/ids.js';
import { SYNC_API } from '../../shared/sync.js';
import { WIDGET_SOCKET_PATH } from '../../shared/widgetProtocol.js';

export interface SimulationOptions {
  hubUrl: string;
  adminToken: string;
  agents: number;
  contacts: number;
  /** Moves the hub's clock forward by simulated ms (a no-op against a hub on real time). */
  advance: (ms: number) => void;
  /** The hub's clock (calls are logged with its times). */
  now: () => number;
  /** Share of contacts that are calls (the rest web chats); default 0.3. */
  callShare?: number;
  /** Share answered; default 0.85. */
  answerShare?: number;
  concurrency?: number;
  /** Real pause between steps, ms; default 0. */
  pauseMs?: number;
  seed?: number;
}

export interface SimulationResult {
  chats: number;
  calls: number;
  answered: number;
  abandoned: number;
}

interface SimAgent {
  id: string;
  token: string;
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function call(
  hubUrl: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${hubUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function push(hubUrl: string, token: string, mutation: Record<string, unknown>): Promise<void> {
  await call(hubUrl, SYNC_API.push, token, { mutations: [{ id: uuidv7(), createdAt: Date.now(), ...mutation }] });
}

/** A customer opens the widget and writes once; resolves when the hub confirmed the message. */
async function customerWrites(hubUrl: string, text: string): Promise<WebSocket> {
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${WIDGET_SOCKET_PATH}`);
  const clientId = uuidv7();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('widget did not confirm the message')), 10_000);
    socket.once('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', name: 'Sim customer' })));
    socket.on('message', (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { type?: string; clientId?: string };
      if (frame.type === 'welcome') socket.send(JSON.stringify({ type: 'message', clientId, text }));
      else if (frame.clientId === clientId) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return socket;
}

async function threadOf(
  hubUrl: string,
  token: string,
  text: string,
): Promise<{ id: string; assigneeId: string | null }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const pull = await call(hubUrl, `${SYNC_API.pull}?after=0&limit=5000`, token);
    const changes = pull.changes as { entity: string; data: Record<string, unknown> }[];
    const message = changes.filter((c) => c.entity === 'message' && c.data.text === text).at(-1);
    const thread = message && changes.find((c) => c.entity === 'thread' && c.data.id === message.data.threadId);
    if (thread) return { id: String(thread.data.id), assigneeId: (thread.data.assigneeId as string | null) ?? null };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no thread for "${text}"`);
}

export async function simulateTraffic(options: SimulationOptions): Promise<SimulationResult> {
  const { hubUrl, adminToken } = options;
  const rand = random(options.seed ?? 42);
  const run = uuidv7().slice(-6);
  const agents: SimAgent[] = [];
  for (let i = 0; i < options.agents; i++) {
    const login = `sim-${run}-${i}`;
    const created = await call(hubUrl, '/api/v1/agents', adminToken, {
      login,
      name: `Sim agent ${i + 1}`,
      password: 'sim-password-123',
      role: 'agent',
    });
    const session = await call(hubUrl, SYNC_API.login, null, { login, password: 'sim-password-123' });
    const agent = { id: String(created.id), token: String(session.token) };
    await push(hubUrl, agent.token, { kind: 'agent.setStatus', status: 'ready' });
    agents.push(agent);
  }
  const result: SimulationResult = { chats: 0, calls: 0, answered: 0, abandoned: 0 };
  const answerShare = options.answerShare ?? 0.85;
  const pause = () => new Promise((r) => setTimeout(r, options.pauseMs ?? 0));

  const oneContact = async (i: number) => {
    const answered = rand() < answerShare;
    const waitMs = Math.round(2_000 + rand() * (answered ? 40_000 : 60_000));
    const agent = agents[Math.floor(rand() * agents.length)]!;
    if (rand() < (options.callShare ?? 0.3)) {
      result.calls++;
      const startedAt = options.now();
      await push(hubUrl, agent.token, {
        kind: 'call.log',
        threadId: uuidv7(),
        messageId: uuidv7(),
        direction: 'inbound',
        remoteUri: `sip:+1555${String(i).padStart(7, '0')}@pbx`,
        remoteNumber: `+1555${String(i).padStart(7, '0')}`,
        remoteName: null,
        customerId: null,
        startedAt,
        answeredAt: answered ? startedAt + waitMs : null,
        endedAt: startedAt + waitMs + (answered ? Math.round(60_000 + rand() * 240_000) : 0),
        endedBy: 'remote',
        endReason: answered ? 'bye' : 'cancel',
      });
    } else {
      result.chats++;
      const text = `Sim chat ${run} #${i}: where is my order?`;
      const socket = await customerWrites(hubUrl, text);
      const thread = await threadOf(hubUrl, adminToken, text);
      options.advance(waitMs);
      await pause();
      let replier = agents.find((a) => a.id === thread.assigneeId);
      if (answered && !replier) {
        // Nobody was free when it arrived: an agent takes it from the queue.
        await call(hubUrl, `/api/v1/threads/${thread.id}/take`, agent.token, {});
        replier = agent;
      }
      if (answered && replier) {
        await push(hubUrl, replier.token, {
          kind: 'message.send',
          threadId: thread.id,
          messageId: uuidv7(),
          text: 'Let me check that for you.',
        });
      }
      socket.close();
      options.advance(Math.round(30_000 + rand() * 120_000));
      await call(hubUrl, `/api/v1/threads/${thread.id}/close`, adminToken, {});
      if (answered && replier) result.answered++;
      else result.abandoned++;
      return;
    }
    if (answered) result.answered++;
    else result.abandoned++;
  };

  const concurrency = Math.max(1, options.concurrency ?? 4);
  for (let next = 0; next < options.contacts; next += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, options.contacts - next) }, (_, k) =>
      oneContact(next + k),
    );
    await Promise.all(batch);
    options.advance(Math.round(10_000 + rand() * 20_000));
    await pause();
  }
  return result;
}

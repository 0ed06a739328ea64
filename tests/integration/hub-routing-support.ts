/** Helpers for the routing, auto-reply and template tests: a team of agents, their status, threads from the widget. */
import { uuidv7 } from '../../src/shared/ids.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { OknoError } from '../../src/shared/errors.js';
import type { Hub } from '../../src/server/hub.js';
import { api, customerSays, login, openWidget, startHub, type Loose } from './hub-harness.js';

export interface TeamAgent {
  id: string;
  name: string;
  token: string;
}

export async function addAgent(hubUrl: string, adminToken: string, loginName: string, name: string, role = 'agent') {
  const reply = await api(hubUrl, '/api/v1/agents', {
    token: adminToken,
    json: { login: loginName, name, password: 'password-123', role },
  });
  if (reply.status !== 201) throw new Error(`creating ${loginName}: ${JSON.stringify(reply.body)}`);
  return {
    id: reply.body.id as string,
    name,
    token: await login(hubUrl, loginName, 'password-123'),
  } satisfies TeamAgent;
}

export async function setStatus(
  hubUrl: string,
  agent: TeamAgent,
  status: 'ready' | 'not_ready' | 'away' | 'after_call_work',
  reason?: string,
): Promise<void> {
  const reply = await api(hubUrl, SYNC_API.push, {
    token: agent.token,
    json: { mutations: [{ id: uuidv7(), kind: 'agent.setStatus', status, reason, createdAt: Date.now() }] },
  });
  if (reply.body.results?.[0]?.outcome !== 'applied') throw new Error(`status: ${JSON.stringify(reply.body)}`);
}

export async function reply(hubUrl: string, agent: TeamAgent, threadId: string, text: string): Promise<void> {
  const r = await api(hubUrl, SYNC_API.push, {
    token: agent.token,
    json: {
      mutations: [{ id: uuidv7(), kind: 'message.send', threadId, messageId: uuidv7(), text, createdAt: Date.now() }],
    },
  });
  if (r.body.results?.[0]?.outcome !== 'applied') throw new Error(`reply: ${JSON.stringify(r.body)}`);
}

/** A new visitor writes; resolves with the thread the message landed in. */
export async function customerWrites(hubUrl: string, token: string, text: string, name?: string) {
  const { widget } = await openWidget(hubUrl, name ? { name } : {});
  await customerSays(widget, text);
  const thread = await threadOfLastMessage(hubUrl, token, text);
  return { widget, thread };
}

export async function threadOfLastMessage(hubUrl: string, token: string, text: string): Promise<Loose> {
  const pull = await api(hubUrl, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  const changes = pull.body.changes as Loose[];
  const message = changes.filter((c) => c.entity === 'message' && c.data.text === text).at(-1);
  if (!message) throw new Error(`no message "${text}"`);
  return changes.find((c) => c.entity === 'thread' && c.data.id === message.data.threadId)!.data;
}

export async function thread(hubUrl: string, token: string, threadId: string): Promise<Loose> {
  const pull = await api(hubUrl, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  return (pull.body.changes as Loose[]).find((c) => c.entity === 'thread' && c.data.id === threadId)!.data;
}

export async function messagesOf(hubUrl: string, token: string, threadId: string): Promise<Loose[]> {
  const pull = await api(hubUrl, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  return (pull.body.changes as Loose[])
    .filter((c) => c.entity === 'message' && c.data.threadId === threadId)
    .map((c) => c.data)
    .sort((a, b) => a.createdAt - b.createdAt);
}

export async function events(hubUrl: string, token: string, threadId: string): Promise<string[]> {
  const r = await api(hubUrl, `/api/v1/threads/${threadId}/events`, { token });
  return (r.body.events as Loose[]).map((e) => e.text as string);
}

export async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A hub with the shipped defaults and no clock ticks, its admin's token, a lead (lena) and an agent (anna). */
export async function startTeamHub(): Promise<{ hub: Hub; admin: string; lead: TeamAgent; agent: TeamAgent }> {
  const hub = await startHub({ seedDefaults: true, clockMs: 0 });
  const admin = await login(hub.url);
  const lead = await addAgent(hub.url, admin, 'lena', 'Lena Lead', 'lead');
  const agent = await addAgent(hub.url, admin, 'anna', 'Anna Agent');
  return { hub, admin, lead, agent };
}

/** The OknoError a core client throws when the hub refuses `work`; fails if the hub accepts it. */
export async function refusal(work: Promise<unknown>): Promise<OknoError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof OknoError) return error;
    throw error;
  }
  throw new Error('expected the hub to refuse');
}

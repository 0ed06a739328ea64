import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { api, customerSays, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, messagesOf, reply, setStatus, type TeamAgent } from './hub-routing-support.js';

/** Time is injected: every test moves `now` and runs the hub's clock by hand. */
let now = Date.parse('2026-03-02T08:00:00Z'); // Monday 11:00 in Moscow
let hub: Hub;
let admin: string;
let anna: TeamAgent;

const autoReplies = (messages: Loose[]) =>
  messages.filter((m) => m.author.kind === 'system').map((m) => m.text as string);

async function putRules(rules: unknown[]) {
  const r = await api(hub.url, '/api/v1/auto-replies', { method: 'PUT', token: admin, json: { rules } });
  expect(r.status).toBe(200);
}

const SHIPPED: unknown[] = [];

/** The clock jumped days ahead: sessions end 12 h after sign-in, so everyone signs in again. */
async function signInAgain(): Promise<void> {
  admin = await login(hub.url);
  anna = { ...anna, token: await login(hub.url, 'anna', 'password-123') };
}

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, clockMs: 0, now: () => now });
  admin = await login(hub.url);
  anna = await addAgent(hub.url, admin, 'anna', 'Anna Smirnova');
  SHIPPED.push(...(await api(hub.url, '/api/v1/auto-replies', { token: admin })).body.rules);
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

describe('auto-replies on the hub', () => {
  it('ships greeting, busy, out-of-hours, closing and agent-away rules in Russian and English', () => {
    expect(SHIPPED.map((r: Loose) => r.trigger.kind)).toEqual([
      'first_message',
      'wait_above',
      'outside_hours',
      'thread_closed',
      'agent_away',
    ]);
    for (const rule of SHIPPED as Loose[]) expect(Object.keys(rule.texts).sort()).toEqual(['en', 'ru']);
  });

  it('keeps a rule’s id when the rules are saved again, so its guard still holds', async () => {
    const saved = await api(hub.url, '/api/v1/auto-replies', { method: 'PUT', token: admin, json: { rules: SHIPPED } });
    expect(saved.body.rules.map((r: Loose) => r.id)).toEqual(SHIPPED.map((r: Loose) => r.id));
  });

  it('greets the first message at once, once per thread, marked as an auto-reply', async () => {
    const { widget, thread } = await customerWrites(hub.url, admin, 'Hello, where is my order?', 'Olga');
    const greeting = await widget.next((f) => f.type === 'message' && f.message.direction === 'out');
    expect(greeting.message).toMatchObject({
      authorName: 'Auto-reply',
      text: `Hello, Olga! Thank you for writing to us. An agent will answer shortly; your request number is ${thread.number}.`,
    });
    await customerSays(widget, 'Are you there?');
    await widget.none((f) => f.type === 'message' && f.message.direction === 'out', 200);
    const messages = await messagesOf(hub.url, admin, thread.id);
    expect(autoReplies(messages)).toHaveLength(1);
    expect(messages.find((m) => m.direction === 'out').author).toEqual({
      kind: 'system',
      id: null,
      name: 'Auto-reply',
    });
    // The thread's preview keeps the customer's words.
    const pulled = await api(hub.url, '/api/v1/sync/pull?after=0&limit=5000', { token: admin });
    const t = pulled.body.changes.find((c: Loose) => c.entity === 'thread' && c.data.id === thread.id).data;
    expect(t.lastMessagePreview).toBe('Are you there?');
    widget.socket.terminate();
  });

  it('greets in Russian a customer who writes in Russian', async () => {
    const { widget, thread } = await customerWrites(hub.url, admin, 'Здравствуйте, где мой заказ?');
    const greeting = await widget.next((f) => f.type === 'message' && f.message.direction === 'out');
    expect(greeting.message.authorName).toBe('Автоответ');
    expect(greeting.message.text).toBe(
      `Здравствуйте! Спасибо за обращение. Оператор скоро ответит; номер вашего обращения — ${thread.number}.`,
    );
    widget.socket.terminate();
  });

  it('fires "no answer within N seconds" once, only while nobody answered', async () => {
    await putRules([
      {
        name: 'Still here',
        trigger: { kind: 'no_answer', seconds: 90 },
        texts: { en: 'We have not forgotten you, #{thread.number}.' },
      },
    ]);
    const { widget, thread } = await customerWrites(hub.url, admin, 'Is anyone there?');
    now += 89_000;
    hub.tick();
    expect(autoReplies(await messagesOf(hub.url, admin, thread.id))).toEqual([]);
    now += 1_000;
    hub.tick();
    const frame = await widget.next((f) => f.type === 'message' && f.message.direction === 'out');
    expect(frame.message.text).toBe(`We have not forgotten you, #${thread.number}.`);
    now += 600_000;
    hub.tick();
    expect(autoReplies(await messagesOf(hub.url, admin, thread.id))).toHaveLength(1);

    // A thread the agent answered does not get it.
    const answered = await customerWrites(hub.url, admin, 'Second question');
    await reply(hub.url, anna, answered.thread.id, 'Hello!');
    now += 600_000;
    hub.tick();
    expect(autoReplies(await messagesOf(hub.url, admin, answered.thread.id))).toEqual([]);
    widget.socket.terminate();
    answered.widget.socket.terminate();
  });

  it('tells the estimated wait from the live queue when every ready agent is busy', async () => {
    await putRules([SHIPPED[1]]);
    // Anna is ready in General but can take no chats: every new chat queues behind the others.
    const groups = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups;
    const general = groups.find((g: Loose) => g.name === 'General');
    await api(hub.url, `/api/v1/groups/${general.id}`, {
      method: 'PUT',
      token: admin,
      json: { ...general, id: undefined, memberIds: [anna.id] },
    });
    await api(hub.url, `/api/v1/agents/${anna.id}/capacity`, {
      method: 'PUT',
      token: admin,
      json: { perChannel: { webchat: 0 } },
    });
    await setStatus(hub.url, anna, 'ready');
    const queued = (await api(hub.url, '/api/v1/queue?view=all', { token: admin })).body.items.filter(
      (t: Loose) => !t.assigneeId && t.slaDueAt,
    );
    const { widget, thread } = await customerWrites(hub.url, admin, 'Need help with a refund');
    const frame = await widget.next((f) => f.type === 'message' && f.message.direction === 'out');
    // (threads ahead + 1) / 1 ready agent × 4 min average handling time.
    const expected = (queued.length + 1) * 4;
    expect(frame.message.text).toBe(
      `All our agents are busy right now. You will get an answer in about ${expected} minutes; please stay in the chat.`,
    );
    await setStatus(hub.url, anna, 'not_ready');
    // Nobody is ready: the wait is unknown and nothing is promised.
    const next = await customerWrites(hub.url, admin, 'Another refund question');
    expect(autoReplies(await messagesOf(hub.url, admin, next.thread.id))).toEqual([]);
    expect(autoReplies(await messagesOf(hub.url, admin, thread.id))).toHaveLength(1);
    widget.socket.terminate();
    next.widget.socket.terminate();
  });

  it('answers out of hours with the opening time instead of the greeting', async () => {
    await putRules(SHIPPED);
    const config = (await api(hub.url, '/api/v1/routing-config', { token: admin })).body;
    const hours = {
      utcOffsetMinutes: 180,
      week: [[], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], []],
    };
    const saved = await api(hub.url, '/api/v1/routing-config', {
      method: 'PUT',
      token: admin,
      json: { ...config, sla: { ...config.sla, businessHours: hours } },
    });
    expect(saved.status).toBe(200);
    now = Date.parse('2026-03-07T10:00:00Z'); // Saturday 13:00 in Moscow
    await signInAgain();
    const { widget, thread } = await customerWrites(hub.url, admin, 'Is the shop open?');
    const frame = await widget.next((f) => f.type === 'message' && f.message.direction === 'out');
    expect(frame.message.text).toBe(
      `Our agents are not working right now. We will answer Monday at 09:00; your request number is ${thread.number}.`,
    );
    await widget.none((f) => f.type === 'message' && f.message.direction === 'out', 200);
    // Back to around the clock for the rest.
    await api(hub.url, '/api/v1/routing-config', { method: 'PUT', token: admin, json: config });
    now = Date.parse('2026-03-09T08:00:00Z');
    await signInAgain();
    widget.socket.terminate();
  });

  it('thanks the customer when the thread is closed, and warns when the agent goes away', async () => {
    await api(hub.url, `/api/v1/agents/${anna.id}/capacity`, {
      method: 'PUT',
      token: admin,
      json: { perChannel: { webchat: 50 } },
    });
    await setStatus(hub.url, anna, 'ready');
    const away = await customerWrites(hub.url, admin, 'Help with delivery please');
    const closing = await customerWrites(hub.url, admin, 'Thanks, that is all');
    await setStatus(hub.url, anna, 'away');
    expect(autoReplies(await messagesOf(hub.url, admin, away.thread.id))).toContain(
      'Your agent had to step away; the next free agent will continue the conversation.',
    );
    const closed = await api(hub.url, `/api/v1/threads/${closing.thread.id}/close`, {
      method: 'POST',
      token: admin,
      json: {},
    });
    expect(closed.status).toBe(200);
    const texts = autoReplies(await messagesOf(hub.url, admin, closing.thread.id));
    expect(texts.filter((t) => t.startsWith('Thank you for contacting us!'))).toHaveLength(1);
    // Going away again does not repeat the warning in the same thread.
    await setStatus(hub.url, anna, 'ready');
    await setStatus(hub.url, anna, 'away');
    expect(
      autoReplies(await messagesOf(hub.url, admin, away.thread.id)).filter((t) => t.startsWith('Your agent')),
    ).toHaveLength(1);
    away.widget.socket.terminate();
    closing.widget.socket.terminate();
  });

  it('cannot loop: auto-replies never trigger rules, and the clock adds nothing more', async () => {
    const before = (await api(hub.url, '/api/v1/sync/pull?after=0&limit=5000', { token: admin })).body.changes.filter(
      (c: Loose) => c.entity === 'message',
    ).length;
    for (let i = 0; i < 3; i++) {
      now += 3600_000;
      hub.tick();
    }
    const after = (await api(hub.url, '/api/v1/sync/pull?after=0&limit=5000', { token: admin })).body.changes.filter(
      (c: Loose) => c.entity === 'message',
    ).length;
    expect(after).toBe(before);
  });

  it('refuses a rule file with a syntax error, naming the line, and lets only leads change rules', async () => {
    const bad = await api(hub.url, '/api/v1/auto-replies/import', {
      token: admin,
      json: {
        source: '[\n  {"name": "a", "trigger": {"kind": "first_message"}, "texts": {"en": "Hi {customer.age}"}}\n]',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^line 2: rule 1: texts\.en: line 1, column 4: unknown variable "\{customer\.age\}"/,
    );
    const broken = await api(hub.url, '/api/v1/auto-replies/import', {
      token: admin,
      json: { source: '[\n{"name": }\n]' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toBe('line 2: expected a value, found "}"');
    expect(
      (await api(hub.url, '/api/v1/auto-replies', { method: 'PUT', token: anna.token, json: { rules: [] } })).status,
    ).toBe(403);
  });
});

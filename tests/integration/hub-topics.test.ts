/**
 * The topic tree and wrap-up on a real hub (decision 0032): leads edit the tree and every edit lands in
 * its history; a topic cannot move under itself or its own descendant; retired topics leave the pickers
 * but keep their names; the hub refuses closing a contact of a wrap-up group without a topic and refuses
 * its agent's return to ready while an ended call has none; voice menus and the widget name only current
 * topics of the tree; a group skilled for a topic takes its subtopics and an SLA rule covers them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { createTopicsClient } from '../../src/main/core/hubApi/topicsClient.js';
import {
  addAgent,
  customerWrites,
  refusal,
  setStatus,
  thread,
  waitFor,
  type TeamAgent,
} from './hub-routing-support.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const now = T0;
let hub: Hub;
let admin: string;
let lead: TeamAgent;
let anna: TeamAgent;
let boris: TeamAgent;
const widgets: { socket: { terminate(): void } }[] = [];

const put = (route: string, token: string, json: unknown) => api(hub.url, route, { method: 'PUT', token, json });
const post = (route: string, token: string, json: unknown = {}) => api(hub.url, route, { method: 'POST', token, json });
const tree = async (): Promise<Loose[]> => (await api(hub.url, '/api/v1/topics', { token: anna.token })).body.topics;
const changes = async (topicId?: string): Promise<Loose[]> =>
  (await api(hub.url, `/api/v1/topic-changes${topicId ? `?topicId=${topicId}` : ''}`, { token: lead.token })).body
    .changes;

async function writes(text: string): Promise<Loose> {
  const { widget, thread: t } = await customerWrites(hub.url, admin, text);
  widgets.push(widget);
  return t;
}

async function push(agent: TeamAgent, mutation: Loose): Promise<Loose> {
  const reply = await api(hub.url, SYNC_API.push, {
    token: agent.token,
    json: { mutations: [{ id: uuidv7(), createdAt: now, ...mutation }] },
  });
  return reply.body.results[0];
}

async function group(name: string, json: Loose): Promise<Loose> {
  const reply = await post('/api/v1/groups', lead.token, { name, ...json });
  expect(reply.status).toBe(201);
  return reply.body;
}

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, clockMs: 0, now: () => now });
  admin = await login(hub.url);
  lead = await addAgent(hub.url, admin, 'lena', 'Lena Lead', 'lead');
  anna = await addAgent(hub.url, admin, 'anna', 'Anna Smirnova');
  boris = await addAgent(hub.url, admin, 'boris', 'Boris Ivanov');
  // The shipped "General" group takes anything; these tests route through their own groups.
  const general = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups.find(
    (g: Loose) => g.name === 'General',
  );
  expect((await api(hub.url, `/api/v1/groups/${general.id}`, { method: 'DELETE', token: lead.token })).status).toBe(
    200,
  );
});
afterAll(async () => {
  for (const w of widgets) w.socket.terminate();
  await hub.close();
  removeTempDirs();
});

describe('the topic tree', () => {
  it('starts from the shipped tree: the old flat topics as roots, with subtopics', async () => {
    const topics = await tree();
    const roots = topics.filter((t) => t.parentId === null).map((t) => t.id);
    expect(roots).toEqual(['cards', 'loans', 'access', 'orders', 'other']);
    expect(topics.find((t) => t.id === 'card-blocked')).toMatchObject({
      parentId: 'cards',
      name: { en: 'Card blocked', ru: 'Карта заблокирована' },
      retired: false,
    });
  });

  it('lets a lead add, rename, move and reorder, writing each edit to the history', async () => {
    const added = await post('/api/v1/topics', lead.token, {
      parentId: null,
      name: { en: 'Deposits', ru: 'Вклады' },
      keywords: ['deposit', 'вклад'],
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: 'deposits', parentId: null, position: 5, retired: false });
    const child = await post('/api/v1/topics', lead.token, {
      parentId: 'deposits',
      name: { en: 'Early closing', ru: 'Досрочное закрытие' },
      keywords: [],
    });
    expect(child.body).toMatchObject({ id: 'early-closing', parentId: 'deposits', position: 0 });

    const renamed = await post('/api/v1/topics', lead.token, {
      id: 'deposits',
      parentId: null,
      name: { en: 'Deposits and savings', ru: 'Вклады и накопления' },
      keywords: ['deposit', 'вклад', 'savings'],
    });
    expect(renamed.body.name.en).toBe('Deposits and savings');

    // Under "Cards", first among its children; the old siblings close ranks.
    const moved = await post('/api/v1/topics/move', lead.token, { id: 'deposits', parentId: 'cards', position: 0 });
    expect(moved.status).toBe(200);
    const cardsChildren = (moved.body.topics as Loose[])
      .filter((t) => t.parentId === 'cards')
      .sort((a, b) => a.position - b.position)
      .map((t) => t.id);
    expect(cardsChildren).toEqual(['deposits', 'card-blocked', 'card-reissue', 'cashback']);
    expect((moved.body.topics as Loose[]).filter((t) => t.parentId === null).map((t) => t.position)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    // Back to the roots, second.
    await post('/api/v1/topics/move', lead.token, { id: 'deposits', parentId: null, position: 1 });
    const roots = (await tree())
      .filter((t) => t.parentId === null)
      .sort((a, b) => a.position - b.position)
      .map((t) => t.id);
    expect(roots).toEqual(['cards', 'deposits', 'loans', 'access', 'orders', 'other']);

    const history = await changes('deposits');
    expect(history.map((c) => c.kind)).toEqual(['moved', 'moved', 'keywords', 'renamed', 'added']);
    expect(history[0]).toMatchObject({ actorName: 'Lena Lead', data: { fromParentId: 'cards', toParentId: null } });
    expect(history[3].data).toEqual({
      from: { en: 'Deposits', ru: 'Вклады' },
      to: { en: 'Deposits and savings', ru: 'Вклады и накопления' },
    });
  });

  it('refuses moving a topic under itself or its own descendant, naming both, and changes nothing', async () => {
    const before = await tree();
    const historyBefore = await changes();
    const underChild = await post('/api/v1/topics/move', lead.token, {
      id: 'deposits',
      parentId: 'early-closing',
      position: 0,
    });
    expect(underChild.status).toBe(409);
    expect(underChild.body.error.message).toBe(
      'topic "Deposits and savings" cannot move under "Early closing": "Early closing" is inside "Deposits and savings"',
    );
    const underItself = await post('/api/v1/topics/move', lead.token, { id: 'cards', parentId: 'cards', position: 0 });
    expect(underItself.status).toBe(409);
    expect(underItself.body.error.message).toBe('topic "Cards" cannot move under itself');
    const unknown = await post('/api/v1/topics/move', lead.token, { id: 'cards', parentId: 'nope', position: 0 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('topic "nope" does not exist');
    expect(await tree()).toEqual(before);
    expect(await changes()).toEqual(historyBefore);
  });

  it('keeps the tree to leads and refuses bad input naming the field', async () => {
    const byAgent = await post('/api/v1/topics', anna.token, {
      parentId: null,
      name: { en: 'X', ru: 'X' },
      keywords: [],
    });
    expect(byAgent.status).toBe(403);
    const blank = await post('/api/v1/topics', lead.token, { parentId: null, name: { en: 'Fees', ru: ' ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues).toContainEqual({ path: 'name.ru', message: 'Russian name is empty' });
    const orphan = await post('/api/v1/topics', lead.token, { parentId: 'nope', name: { en: 'Fees', ru: 'Комиссии' } });
    expect(orphan.status).toBe(404);
    expect(orphan.body.error.message).toBe('parent topic "nope" does not exist');
  });

  it('retires and restores: retired topics stay in the tree with their names, flagged', async () => {
    const retired = await post('/api/v1/topics/early-closing/retire', lead.token);
    expect(retired.body).toMatchObject({ id: 'early-closing', retired: true, name: { en: 'Early closing' } });
    expect((await tree()).find((t) => t.id === 'early-closing')).toMatchObject({ retired: true });
    const restored = await post('/api/v1/topics/early-closing/restore', lead.token);
    expect(restored.body.retired).toBe(false);
    expect((await changes('early-closing')).map((c) => c.kind)).toEqual(['restored', 'retired', 'added']);
  });
});

describe('wrap-up', () => {
  let cardsGroup: Loose;

  beforeAll(async () => {
    cardsGroup = await group('Cards desk', {
      skills: { topics: ['cards'] },
      memberIds: [anna.id],
      wrapUpRequired: true,
    });
    expect(cardsGroup.wrapUpRequired).toBe(true);
    // An older app that saves the group without knowing the rule keeps it on.
    const { id, wrapUpRequired: _rule, ...older } = cardsGroup;
    const resaved = await put(`/api/v1/groups/${id}`, lead.token, older);
    expect(resaved.status).toBe(200);
    expect(resaved.body.wrapUpRequired).toBe(true);
    await group('Everything else', { memberIds: [boris.id] });
    await setStatus(hub.url, anna, 'ready');
    await setStatus(hub.url, boris, 'ready');
  });

  it('pre-selects the routing topic and refuses closing without a topic, naming the contact', async () => {
    const t = await writes('My card does not work at the ATM');
    const assigned = await waitFor(
      () => thread(hub.url, admin, t.id),
      (x) => x.assigneeId !== null,
    );
    expect(assigned.assigneeId).toBe(anna.id);
    const topics = await api(hub.url, `/api/v1/threads/${t.id}/topics`, { token: anna.token });
    expect(topics.body).toEqual({ topicIds: [], suggested: 'cards', required: true });

    const refused = await post(`/api/v1/threads/${t.id}/close`, anna.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      `contact #${t.number} needs a topic before it closes: group "Cards desk" requires wrap-up`,
    );
    expect((await thread(hub.url, admin, t.id)).status).toBe('open');

    const unknown = await put(`/api/v1/threads/${t.id}/topics`, anna.token, { topicIds: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ path: 'topicIds.0', message: 'topic "nope" does not exist' }]);

    const set = await put(`/api/v1/threads/${t.id}/topics`, anna.token, { topicIds: ['card-blocked', 'cashback'] });
    expect(set.body).toEqual({ topicIds: ['card-blocked', 'cashback'], suggested: 'cards', required: true });
    // The contact's history says what it was about, in both languages; saving the same topics again adds nothing.
    await put(`/api/v1/threads/${t.id}/topics`, anna.token, { topicIds: ['card-blocked', 'cashback'] });
    const history = (await api(hub.url, `/api/v1/threads/${t.id}/events`, { token: admin })).body.events as Loose[];
    const set1 = history.filter((e) => e.kind === 'topics_set');
    expect(set1).toHaveLength(1);
    expect(set1[0].data).toMatchObject({ topicIds: ['card-blocked', 'cashback'], agentName: 'Anna Smirnova' });
    expect(set1[0].data.names.en).toBe('Cards › Card blocked, Cards › Cashback');
    expect(set1[0].data.names.ru).toBe('Карты › Карта заблокирована, Карты › Кешбэк');
    const closed = await post(`/api/v1/threads/${t.id}/close`, anna.token);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('refuses a retired topic on a contact, but keeps one set before it was retired', async () => {
    const t = await writes('Card question again');
    await waitFor(
      () => thread(hub.url, admin, t.id),
      (x) => x.assigneeId === anna.id,
    );
    await put(`/api/v1/threads/${t.id}/topics`, anna.token, { topicIds: ['cashback'] });
    await post('/api/v1/topics/cashback/retire', lead.token);
    try {
      const retired = await put(`/api/v1/threads/${t.id}/topics`, anna.token, {
        topicIds: ['card-reissue', 'cashback'],
      });
      expect(retired.status).toBe(200);
      const other = await writes('A third card question');
      await waitFor(
        () => thread(hub.url, admin, other.id),
        (x) => x.assigneeId === anna.id,
      );
      const refused = await put(`/api/v1/threads/${other.id}/topics`, anna.token, { topicIds: ['cashback'] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe('topic "Cashback" is retired');
      await put(`/api/v1/threads/${other.id}/topics`, anna.token, { topicIds: ['cards'] });
      expect((await post(`/api/v1/threads/${other.id}/close`, anna.token)).status).toBe(200);
    } finally {
      await post('/api/v1/topics/cashback/restore', lead.token);
    }
    await post(`/api/v1/threads/${t.id}/close`, anna.token);
  });

  it('lets a group without the rule close without a topic', async () => {
    const t = await writes('Hello, a question about something');
    const assigned = await waitFor(
      () => thread(hub.url, admin, t.id),
      (x) => x.assigneeId !== null,
    );
    expect(assigned.assigneeId).toBe(boris.id);
    expect((await api(hub.url, `/api/v1/threads/${t.id}/topics`, { token: boris.token })).body.required).toBe(false);
    expect((await post(`/api/v1/threads/${t.id}/close`, boris.token)).status).toBe(200);
  });

  it('refuses ready while an ended call of a wrap-up group has no topic, naming it', async () => {
    const threadId = uuidv7(now);
    const logged = await push(anna, {
      kind: 'call.log',
      threadId,
      messageId: uuidv7(now),
      direction: 'inbound',
      remoteUri: 'sip:+15550001@pbx',
      remoteNumber: '+15550001',
      remoteName: null,
      customerId: null,
      startedAt: now - 60_000,
      answeredAt: now - 50_000,
      endedAt: now,
      endedBy: 'remote',
      endReason: 'bye',
    });
    expect(logged.outcome).toBe('applied');
    const call = await thread(hub.url, admin, threadId);
    expect((await push(anna, { kind: 'agent.setStatus', status: 'not_ready', reason: 'break' })).outcome).toBe(
      'applied',
    );
    const refused = await push(anna, { kind: 'agent.setStatus', status: 'ready' });
    expect(refused.outcome).toBe('rejected');
    expect(refused.error.message).toBe(
      `set a topic on contact #${call.number} before you become ready: its group requires wrap-up`,
    );
    // What the app words its notice from and which contact its button opens.
    expect(refused.error.params).toEqual({
      reasonKey: 'topics.refused.ready',
      numbers: `#${call.number}`,
      threadId,
      number: call.number,
    });
    const agents = (await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin })).body
      .changes as Loose[];
    expect(agents.filter((c) => c.entity === 'agent' && c.data.id === anna.id).at(-1).data.status).toBe('not_ready');

    await put(`/api/v1/threads/${threadId}/topics`, anna.token, { topicIds: ['card-reissue'] });
    expect((await push(anna, { kind: 'agent.setStatus', status: 'ready' })).outcome).toBe('applied');
  });
});

describe('menus choose topics from the tree', () => {
  it('refuses an unknown or retired topic in the widget menu, naming it', async () => {
    const entry = (id: string) => ({ id, title: { en: id, ru: id }, answer: null });
    const unknown = await put('/api/v1/widget-topics', lead.token, { topics: [entry('cards'), entry('fees')] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([
      { path: 'topics.1.id', message: 'topic "fees" is not in the topic tree' },
    ]);
    await post('/api/v1/topics/orders/retire', lead.token);
    const retired = await put('/api/v1/widget-topics', lead.token, { topics: [entry('orders')] });
    expect(retired.status).toBe(400);
    expect(retired.body.error.message).toBe('topic "Orders and delivery" (orders) is retired');
    await post('/api/v1/topics/orders/restore', lead.token);
    expect((await put('/api/v1/widget-topics', lead.token, { topics: [entry('orders')] })).status).toBe(200);
  });

  it('refuses an unknown topic in a voice menu step, naming the step', async () => {
    const line = (topic: string) => ({
      name: 'Bank line',
      number: '+74950000001',
      menu: {
        start: 'main',
        nodes: {
          main: { kind: 'ask', prompt: 'menu_main', options: { '1': 'cards' } },
          cards: { kind: 'queue', topic },
        },
      },
    });
    const refused = await post('/api/v1/lines', lead.token, line('fees'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toContainEqual({
      path: 'menu.nodes.cards.topic',
      message: 'topic "fees" is not in the topic tree',
    });
    const saved = await post('/api/v1/lines', lead.token, line('card-blocked'));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.menu.nodes.cards.topic).toBe('card-blocked');
  });
});

describe('routing by the tree', () => {
  it('detects a subtopic by its keywords, gives it to the parent topic`s group and applies the parent`s SLA', async () => {
    await post('/api/v1/topics', lead.token, {
      parentId: 'loans',
      name: { en: 'Refinancing', ru: 'Рефинансирование' },
      keywords: ['refinance', 'рефинансирование'],
    });
    await group('Loans desk', { skills: { topics: ['loans'] }, memberIds: [boris.id] });
    const config = (await api(hub.url, '/api/v1/routing-config', { token: lead.token })).body;
    const saved = await put('/api/v1/routing-config', lead.token, {
      ...config,
      sla: { ...config.sla, businessHours: null, topicTargets: { loans: { webchat: 7 * 60_000 } } },
    });
    expect(saved.status).toBe(200);

    const t = await writes('Can I refinance my loan?');
    const routed = await waitFor(
      () => thread(hub.url, admin, t.id),
      (x) => x.assigneeId !== null,
    );
    expect(routed.assigneeId).toBe(boris.id);
    expect(routed.slaDueAt).toBe(now + 7 * 60_000);
    const events = (await api(hub.url, `/api/v1/threads/${t.id}/events`, { token: admin })).body.events as Loose[];
    const groups = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups as Loose[];
    expect(events.find((e) => e.kind === 'assigned').data.groupId).toBe(groups.find((g) => g.name === 'Loans desk').id);
    expect((await api(hub.url, `/api/v1/threads/${t.id}/topics`, { token: boris.token })).body.suggested).toBe(
      'refinancing',
    );
  });
});

describe('the core’s topics client', () => {
  it('calls the hub by the same rows: the tree, and a refusal as an OknoError with the hub’s words', async () => {
    const lena = createTopicsClient({ link: () => ({ hubUrl: hub.url, token: lead.token }) });
    const { topics } = await lena.call('tree', { params: {}, input: {} });
    expect(topics.some((t) => t.id === 'card-blocked' && t.parentId === 'cards')).toBe(true);
    const error = await refusal(
      lena.call('move', { params: {}, input: { id: 'cards', parentId: 'card-blocked', position: 0 } }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'topics: topic "Cards" cannot move under "Card blocked": "Card blocked" is inside "Cards"',
    );
    const annaClient = createTopicsClient({ link: () => ({ hubUrl: hub.url, token: anna.token }) });
    expect((await refusal(annaClient.call('retire', { params: { topicId: 'cards' }, input: {} }))).code).toBe(
      'forbidden',
    );
  });
});

/**
 * The web-chat widget's start menu, typing both ways, customer files and a reload, against a real
 * hub over its sockets: the topic picked in the menu routes the thread to the group with that
 * skill; "customer is typing" reaches agents' live sockets and "agent is typing" the widget;
 * files of allowed kinds become attachments, others are refused with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_FILE_MAX_BYTES, WIDGET_SOCKET_PATH, WIDGET_UPLOAD_PATH } from '../../src/shared/widgetProtocol.js';
import type { Hub } from '../../src/server/hub.js';
import { addAgent, setStatus, threadOfLastMessage, type TeamAgent } from './hub-routing-support.js';
import {
  api,
  closeAll,
  customerSays,
  login,
  openLive,
  openSocket,
  openWidget,
  removeTempDirs,
  startHub,
  type FrameQueue,
  type Loose,
} from './hub-harness.js';

const TOPICS = [
  {
    id: 'cards',
    title: { en: 'My card', ru: 'Моя карта' },
    answer: { en: 'Block it in the app.', ru: 'Заблокируйте в приложении.' },
  },
  { id: 'loans', title: { en: 'Loans', ru: 'Кредиты' }, answer: null },
];

let hub: Hub;
let admin: string;
let cards: TeamAgent;
let loans: TeamAgent;
const sockets: FrameQueue[] = [];

async function upload(visitorToken: string, type: string, name: string, body: Buffer, clientId = crypto.randomUUID()) {
  const response = await fetch(`${hub.url}${WIDGET_UPLOAD_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${visitorToken}`,
      'content-type': type,
      'x-okno-file-name': encodeURIComponent(name),
      'x-okno-client-id': clientId,
      origin: 'https://shop.example',
    },
    body,
  });
  return {
    status: response.status,
    cors: response.headers.get('access-control-allow-origin'),
    body: (await response.json()) as Loose,
  };
}

/** Opens a widget socket and returns it with its whole welcome frame (the topics included). */
async function welcomeOf(hello: { visitorToken?: string } = {}) {
  const widget = await openSocket(hub.url, WIDGET_SOCKET_PATH);
  sockets.push(widget);
  widget.socket.send(JSON.stringify({ type: 'hello', ...hello }));
  return { widget, welcome: await widget.next((f) => f.type === 'welcome') };
}

beforeAll(async () => {
  hub = await startHub();
  admin = await login(hub.url);
  cards = await addAgent(hub.url, admin, 'anna', 'Anna');
  loans = await addAgent(hub.url, admin, 'boris', 'Boris');
  for (const [name, topic, agent] of [
    ['Cards', 'cards', cards],
    ['Loans', 'loans', loans],
  ] as const) {
    const group = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name, skills: { topics: [topic] }, memberIds: [agent.id] },
    });
    expect(group.status).toBe(201);
  }
  // Both agents online and ready, so routing has a choice.
  for (const agent of [cards, loans]) {
    sockets.push((await openLive(hub.url, agent.token)).live);
    await setStatus(hub.url, agent, 'ready');
  }
  const saved = await api(hub.url, '/api/v1/widget-topics', { method: 'PUT', token: admin, json: { topics: TOPICS } });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  closeAll(...sockets);
  await hub?.close();
  removeTempDirs();
});

describe('web-chat widget: start menu, typing, files, reload', () => {
  it('offers the menu to a new visitor and routes the chat by the topic picked, not by its words', async () => {
    const { widget, welcome } = await welcomeOf();
    expect(welcome.topics).toEqual(TOPICS);
    widget.socket.send(JSON.stringify({ type: 'topic', topicId: 'loans' }));
    // Words about a card, but the menu said loans.
    await customerSays(widget, 'Hello, about my card payment');
    const thread = await threadOfLastMessage(hub.url, admin, 'Hello, about my card payment');
    expect(thread.assigneeId).toBe(loans.id);

    widget.socket.send(JSON.stringify({ type: 'topic', topicId: 'mortgages' }));
    const refusal = await widget.next((f) => f.type === 'error');
    expect(refusal).toMatchObject({ code: 'bad_request', message: 'topic "mortgages" is not in the menu' });
  });

  it('a lead edits the menu; an agent may not; a bad menu is refused with the field', async () => {
    const agentPut = await api(hub.url, '/api/v1/widget-topics', {
      method: 'PUT',
      token: cards.token,
      json: { topics: [] },
    });
    expect(agentPut.status).toBe(403);
    const bad = await api(hub.url, '/api/v1/widget-topics', {
      method: 'PUT',
      token: admin,
      json: { topics: [{ id: '', title: { en: 'x' } }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/topics\.0\.id/);
  });

  it('carries typing both ways: customer → agents’ live sockets, agent → the widget', async () => {
    const { widget, visitorToken } = await openWidget(hub.url);
    sockets.push(widget);
    await customerSays(widget, 'I lost my card');
    const thread = await threadOfLastMessage(hub.url, admin, 'I lost my card');
    widget.socket.send(JSON.stringify({ type: 'typing' }));
    const notice = await sockets[0]!.next((f) => f.type === 'typing' && f.threadId === thread.id);
    expect(notice.at).toEqual(expect.any(Number));

    const typing = await api(hub.url, `/api/v1/threads/${thread.id}/typing`, { token: cards.token, json: {} });
    expect(typing.body).toEqual({ sent: true });
    const shown = await widget.next((f) => f.type === 'typing');
    expect(shown).toEqual({ type: 'typing', authorName: 'Anna' });

    // A reload: the same visitor secret gets the conversation back (and no menu).
    const again = await welcomeOf({ visitorToken });
    expect(again.welcome.visitorToken).toBe(visitorToken);
    expect(again.welcome.history).toMatchObject([{ text: 'I lost my card', direction: 'in' }]);
    expect(again.welcome.topics).toBeUndefined();
  });

  it('takes a customer’s file of an allowed kind as an attachment; refuses others with the reason', async () => {
    const { widget, visitorToken } = await openWidget(hub.url);
    sockets.push(widget);
    await customerSays(widget, 'Here is the receipt');
    const pdf = Buffer.from('%PDF-1.4 receipt');
    const clientId = crypto.randomUUID();
    const sent = await upload(visitorToken, 'application/pdf', 'чек.pdf', pdf, clientId);
    expect(sent.status).toBe(201);
    expect(sent.cors).toBe('*');
    const confirmed = await widget.next((f) => f.clientId === clientId);
    expect(confirmed.message.text).toBe('📎 чек.pdf (1 KB)');
    const body = await api(hub.url, `/api/v1/messages/${sent.body.messageId}/body`, { token: admin });
    expect(body.body.attachments).toMatchObject([{ name: 'чек.pdf', mime: 'application/pdf', size: pdf.length }]);

    const exe = await upload(visitorToken, 'application/x-msdownload', 'setup.exe', Buffer.from('MZ...'));
    expect(exe.status).toBe(400);
    expect(exe.body.error.message).toMatch(/files of type "application\/x-msdownload" are not accepted/);
    const fake = await upload(visitorToken, 'application/pdf', 'invoice.pdf', Buffer.from('MZ not a pdf'));
    expect(fake.body.error.message).toBe("the file's content is not application/pdf");
    const big = await upload(visitorToken, 'image/png', 'scan.png', Buffer.alloc(WIDGET_FILE_MAX_BYTES + 1));
    expect(big.status).toBe(413);
    const stranger = await upload('x'.repeat(43), 'text/plain', 'a.txt', Buffer.from('hi'));
    expect(stranger.status).toBe(401);

    const preflight = await fetch(`${hub.url}${WIDGET_UPLOAD_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-okno-client-id');
  });
});

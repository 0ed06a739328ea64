/**
 * Telegram gateway against a LOCAL server implementing the documented subset of the Bot API
 * (tests/support/fakeTelegram.ts): api.telegram.org is not reachable from here, so these tests
 * show the gateway speaks the documented protocol, not that Telegram itself answers this way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogLevel } from '../../src/shared/log.js';
import type { GatewayContext, InboundMessage } from '../../src/server/gateways/gateway.js';
import { createTelegramGateway } from '../../src/server/gateways/telegram/telegramGateway.js';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, deadLetters, messagesOf, reply, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { api, login, removeTempDirs, startHub, tempDir } from './hub-harness.js';

const TOKEN = '123456:test-token_ABC';
const OLGA = { id: 7001, first_name: 'Olga' };
let fake: FakeTelegram;
let hub: Hub;
let token: string;
const dataDir = tempDir();

const hubOptions = { dataDir, channels: { retryDelaysMs: [20] } };

beforeAll(async () => {
  fake = await new FakeTelegram(TOKEN).start();
  hub = await startHub(hubOptions);
  token = await login(hub.url);
  await createChannel(hub.url, token, {
    kind: 'telegram',
    name: 'Bank bot',
    settings: { apiBase: fake.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 50 },
    secrets: { botToken: TOKEN },
  });
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
  removeTempDirs();
});

async function telegramMessages() {
  const threads = await threadsOf(hub.url, token, 'telegram');
  const all = await Promise.all(threads.map((t) => messagesOf(hub.url, token, t.id)));
  return all.flat();
}

describe('Telegram gateway (long polling, local Bot API subset)', () => {
  it('takes a text message into the queue and keeps the customer’s Telegram id', async () => {
    fake.pushMessage(OLGA, { text: 'Hello, my card is blocked' });
    const [thread] = await waitFor('a telegram thread', async () => {
      const threads = await threadsOf(hub.url, token, 'telegram');
      return threads.length > 0 ? threads : null;
    });
    expect(thread).toMatchObject({ status: 'open', subject: 'Hello, my card is blocked' });
    const ids = await api(hub.url, `/api/v1/customers/${thread.customerId}/identities`, { token });
    expect(ids.body.identities).toMatchObject([{ kind: 'telegram', value: '7001' }]);
  });

  it('fetches photos and documents with getFile and keeps them as attachments', async () => {
    const photo = Buffer.from('fake-jpeg-bytes-'.repeat(100));
    const pdf = Buffer.from('%PDF-1.4 statement');
    fake.addFile('photo-big', photo, 'photos/file_1.jpg');
    fake.addFile('doc-1', pdf, 'documents/file_2.pdf');
    fake.pushMessage(OLGA, {
      caption: 'Here is the screen',
      photo: [
        { file_id: 'photo-small', file_unique_id: 's', width: 90, height: 90 },
        { file_id: 'photo-big', file_unique_id: 'b', width: 1280, height: 960 },
      ],
    });
    fake.pushMessage(OLGA, {
      document: { file_id: 'doc-1', file_name: 'statement.pdf', mime_type: 'application/pdf' },
    });
    const withPdf = await waitFor('the document message', async () =>
      (await telegramMessages()).find((m) => m.text.includes('statement.pdf')),
    );
    const withPhoto = (await telegramMessages()).find((m) => m.text.startsWith('Here is the screen'));
    expect(withPhoto).toBeDefined();
    const body = (await api(hub.url, `/api/v1/messages/${withPhoto.id}/body`, { token })).body;
    expect(body.attachments).toMatchObject([{ mime: 'image/jpeg', size: photo.length }]);
    const file = await fetch(`${hub.url}/api/v1/attachments/${body.attachments[0].id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(photo)).toBe(true);
    const docBody = (await api(hub.url, `/api/v1/messages/${withPdf.id}/body`, { token })).body;
    expect(docBody.attachments).toMatchObject([{ name: 'statement.pdf', mime: 'application/pdf', size: pdf.length }]);
  });

  it('keeps an unknown update type as a dead letter and goes on with the next update', async () => {
    fake.push({ my_chat_member: { chat: { id: 7001 }, new_chat_member: { status: 'kicked' } } });
    fake.push({ brand_new_update_kind: { anything: true } });
    fake.pushMessage(OLGA, { text: 'Still here' });
    await waitFor('the next message', async () => (await telegramMessages()).find((m) => m.text === 'Still here'));
    const letters = await deadLetters(hub.url, token);
    expect(letters.map((l) => [l.channelKind, l.reason, l.detail])).toEqual(
      expect.arrayContaining([
        ['telegram', 'unsupported', 'update type my_chat_member is not taken'],
        ['telegram', 'unsupported', 'update type brand_new_update_kind is not taken'],
      ]),
    );
  });

  it('sends agent replies with sendMessage to the customer’s chat', async () => {
    const [thread] = await threadsOf(hub.url, token, 'telegram');
    const messageId = await reply(hub.url, token, thread.id, 'We have unblocked your card');
    await hub.channels.settled();
    expect(fake.sent.at(-1)).toEqual({
      method: 'sendMessage',
      chatId: '7001',
      text: 'We have unblocked your card',
      file: null,
    });
    const body = (await api(hub.url, `/api/v1/messages/${messageId}/body`, { token })).body;
    expect(body.delivery).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('marks a reply failed with Telegram’s reason when the bot is blocked', async () => {
    fake.failSends = 'Forbidden: bot was blocked by the user';
    try {
      const [thread] = await threadsOf(hub.url, token, 'telegram');
      const messageId = await reply(hub.url, token, thread.id, 'Are you there?');
      await hub.channels.settled();
      const failed = await waitFor('failed status', async () =>
        (await messagesOf(hub.url, token, thread.id)).find((m) => m.id === messageId && m.status === 'failed'),
      );
      expect(failed).toBeDefined();
      const body = (await api(hub.url, `/api/v1/messages/${messageId}/body`, { token })).body;
      expect(body.delivery.error).toContain('bot was blocked by the user');
    } finally {
      fake.failSends = null;
    }
  });

  it('keeps its update offset across a hub restart: nothing lost, nothing repeated', async () => {
    const before = (await telegramMessages()).length;
    await hub.close();
    const offsetsBefore = fake.offsetsAsked.length;
    const lastAsked = fake.offsetsAsked.at(-1)!;
    fake.pushMessage(OLGA, { text: 'Written while the hub was down' });
    // The same Telegram message delivered again under a new update id is still stored once.
    const again = { message_id: 4242, date: 1772442000, chat: { id: 7001 }, from: OLGA, text: 'Once only' };
    fake.push({ message: again });
    fake.push({ message: again });

    hub = await startHub(hubOptions);
    token = await login(hub.url);
    await waitFor('messages written while down', async () => {
      const texts = (await telegramMessages()).map((m) => m.text);
      return texts.includes('Written while the hub was down') && texts.includes('Once only');
    });
    expect(fake.offsetsAsked[offsetsBefore]).toBe(lastAsked);
    const after = await telegramMessages();
    expect(after.length).toBe(before + 2);
    expect(after.filter((m) => m.text === 'Once only')).toHaveLength(1);
  });
});

describe('Telegram gateway (webhook with secret token, local Bot API subset)', () => {
  it('refuses a call without the secret token and takes one with it', async () => {
    const channel = await createChannel(hub.url, token, {
      kind: 'telegram',
      name: 'Webhook bot',
      settings: { apiBase: fake.url, mode: 'webhook' },
      secrets: { botToken: TOKEN, webhookSecret: 'tg-secret-1' },
    });
    const url = `${hub.url}${channel.webhookPath}`;
    const update = JSON.stringify({
      update_id: 1,
      message: { message_id: 1, chat: { id: 9009 }, from: { id: 9009, first_name: 'Ivan' }, text: 'Via webhook' },
    });
    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: update });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('secret-token');
    const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-secret-1' };
    expect((await fetch(url, { method: 'POST', headers, body: update })).status).toBe(200);
    const unknown = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ update_id: 2, poll: {} }) });
    expect(unknown.status).toBe(200);
    const garbage = await fetch(url, { method: 'POST', headers, body: '{not json' });
    expect(garbage.status).toBe(200);
    expect((await telegramMessages()).some((m) => m.text === 'Via webhook')).toBe(true);
    const reasons = (await deadLetters(hub.url, token)).filter((l) => l.channelId === channel.id).map((l) => l.reason);
    expect(reasons.sort()).toEqual(['unparseable', 'unsupported']);
  });
});

describe('Telegram gateway sending files (local Bot API subset)', () => {
  it('sends images with sendPhoto and other files with sendDocument', async () => {
    setLogLevel('error');
    const ingested: InboundMessage[] = [];
    const context = {
      channel: {
        id: 'c',
        kind: 'telegram',
        name: 't',
        enabled: true,
        settings: { apiBase: fake.url, mode: 'webhook' },
      },
      secrets: { botToken: TOKEN },
      ingest: (m: InboundMessage) => {
        ingested.push(m);
        return { outcome: 'stored', messageId: 'm', threadId: 't' };
      },
      loadState: () => null,
      saveState: () => {},
      deadLetter: () => {},
      now: Date.now,
      log: { debug() {}, info() {}, warn() {}, error() {}, child: () => context.log },
    } as unknown as GatewayContext;
    const gateway = createTelegramGateway(context);
    const base = {
      messageId: 'm1',
      threadId: 't1',
      html: null,
      subject: null,
      references: [],
      authorName: 'Anna',
      automatic: false,
    };
    await gateway.send({
      ...base,
      address: '7001',
      text: 'Your statement',
      attachments: [
        { name: 'card.png', mime: 'image/png', data: Buffer.from('png-bytes') },
        { name: 'statement.pdf', mime: 'application/pdf', data: Buffer.from('%PDF') },
      ],
    });
    expect(fake.sent.slice(-2)).toEqual([
      {
        method: 'sendPhoto',
        chatId: '7001',
        text: 'Your statement',
        file: { field: 'photo', name: 'card.png', mime: 'image/png', size: 9 },
      },
      {
        method: 'sendDocument',
        chatId: '7001',
        text: null,
        file: { field: 'document', name: 'statement.pdf', mime: 'application/pdf', size: 4 },
      },
    ]);
  });
});

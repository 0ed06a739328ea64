import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import type { Hub } from '../../src/server/hub.js';
import {
  createChannel,
  deadLetters,
  messagesOf,
  reply,
  startRecorder,
  threadsOf,
  waitFor,
} from '../support/channelHarness.js';
import { api, login, removeTempDirs, startHub } from './hub-harness.js';

const SECRET = 'webhook-signing-secret-for-tests';
let hub: Hub;
let token: string;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let callbackStatus = 200;
let hookPath: string;
let channelId: string;

beforeAll(async () => {
  recorder = await startRecorder(() => callbackStatus);
  hub = await startHub({ channels: { retryDelaysMs: [20, 20] } });
  token = await login(hub.url);
  const channel = await createChannel(hub.url, token, {
    kind: 'webhook',
    name: 'Chatbot',
    settings: { callbackUrl: `${recorder.url}/okno-callback` },
    secrets: { signingSecret: SECRET },
  });
  hookPath = channel.webhookPath;
  channelId = channel.id;
});
afterAll(async () => {
  await hub?.close();
  await recorder?.close();
  removeTempDirs();
});

function signed(body: string, secret = SECRET, at = Math.floor(Date.now() / 1000)) {
  return {
    'content-type': 'application/json',
    'x-okno-signature': sign(secret, at, body),
    'x-okno-timestamp': String(at),
  };
}

async function post(body: string, headers: Record<string, string>) {
  const response = await fetch(`${hub.url}${hookPath}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } } & Record<string, unknown>,
  };
}

describe('generic webhook channel', () => {
  it('never returns channel secrets to the app', async () => {
    const listed = await api(hub.url, '/api/v1/channels', { token });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect(listed.body.channels[0]).toMatchObject({ kind: 'webhook', secretsSet: ['signingSecret'] });
    // Sealed at rest: neither the database nor its write-ahead log holds the secret in the clear.
    const dataDir = (hub as Hub & { dataDir: string }).dataDir;
    for (const file of ['hub.sqlite', 'hub.sqlite-wal']) {
      const bytes = existsSync(path.join(dataDir, file)) ? readFileSync(path.join(dataDir, file)) : Buffer.alloc(0);
      expect(bytes.includes(SECRET)).toBe(false);
    }
  });

  it('takes a signed hand-over with its bot transcript into the queue, once per message id', async () => {
    const body = JSON.stringify({
      type: 'message',
      id: 'evt-1',
      conversationId: 'conv-42',
      sender: { id: 'user-7', name: 'Olga Petrova', phone: '8 916 123-45-67' },
      text: 'I want a human, please',
      transcript: [
        { from: 'customer', text: 'My card is blocked' },
        { from: 'bot', text: 'Try unblocking it in the app' },
      ],
    });
    const first = await post(body, signed(body));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, duplicate: false });
    const again = await post(body, signed(body));
    expect(again.body).toMatchObject({ ok: true, duplicate: true, messageId: first.body.messageId });

    const [thread] = await threadsOf(hub.url, token, 'webhook');
    expect(thread).toMatchObject({ status: 'open', subject: 'I want a human, please' });
    const messages = await messagesOf(hub.url, token, thread.id);
    expect(messages.map((m) => [m.author.kind, m.text])).toEqual([
      ['system', 'My card is blocked'],
      ['system', 'Try unblocking it in the app'],
      ['customer', 'I want a human, please'],
    ]);
    const customer = (await api(hub.url, `/api/v1/customers/${thread.customerId}/identities`, { token })).body;
    expect(customer.identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)).toEqual([
      'phone:+79161234567',
      `webhook:${channelId}:user-7`,
    ]);
  });

  it('refuses a forged, a missing and a stale signature with 401 and a clear reason, storing nothing', async () => {
    const before = (await threadsOf(hub.url, token, 'webhook')).length;
    const body = JSON.stringify({
      type: 'message',
      id: 'evt-forged',
      conversationId: 'c',
      sender: { id: 'x' },
      text: 'hi',
    });
    const forged = await post(body, signed(body, 'not-the-real-secret-at-all'));
    expect(forged.status).toBe(401);
    expect(forged.body.error?.message).toContain('does not match the body');
    const tampered = await post(body.replace('hi', 'ho'), signed(body));
    expect(tampered.status).toBe(401);
    const missing = await post(body, { 'content-type': 'application/json' });
    expect(missing.status).toBe(401);
    expect(missing.body.error?.message).toContain('missing x-okno-signature');
    const stale = await post(body, signed(body, SECRET, Math.floor(Date.now() / 1000) - 3600));
    expect(stale.status).toBe(401);
    expect(stale.body.error?.message).toContain('5 minutes');
    expect((await threadsOf(hub.url, token, 'webhook')).length).toBe(before);
  });

  it('keeps a signed but unparseable or invalid payload as a dead letter an admin can list', async () => {
    const broken = '{"type": "message", "id": ';
    const answer = await post(broken, signed(broken));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain('not valid JSON');
    const invalid = JSON.stringify({ type: 'message', id: 'evt-x', sender: {} });
    expect((await post(invalid, signed(invalid))).status).toBe(400);
    const letters = await deadLetters(hub.url, token);
    expect(letters.map((l) => l.reason)).toEqual(['invalid', 'unparseable']);
    expect(Buffer.from(letters[1].payload, 'base64').toString()).toBe(broken);
    expect(letters[0].detail).toContain('conversationId');
  });

  it('calls back agent replies, signed, with the platform conversation id', async () => {
    const [thread] = await threadsOf(hub.url, token, 'webhook');
    const messageId = await reply(hub.url, token, thread.id, 'Hello Olga, I can help');
    await hub.channels.settled();
    const call = recorder.calls.find((c) => c.body.toString().includes(messageId));
    expect(call?.path).toBe('/okno-callback');
    const payload = JSON.parse(call!.body.toString());
    expect(payload).toMatchObject({
      type: 'message',
      id: messageId,
      conversationId: 'conv-42',
      text: 'Hello Olga, I can help',
    });
    const at = Number(call!.headers['x-okno-timestamp']);
    expect(call!.headers['x-okno-signature']).toBe(sign(SECRET, at, call!.body));
    const body = await api(hub.url, `/api/v1/messages/${messageId}/body`, { token });
    expect(body.body.delivery).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('marks a reply failed, after its retries, when the callback keeps failing', async () => {
    callbackStatus = 500;
    try {
      const [thread] = await threadsOf(hub.url, token, 'webhook');
      const messageId = await reply(hub.url, token, thread.id, 'This one will not arrive');
      await hub.channels.settled();
      const message = await waitFor('failed status', async () =>
        (await messagesOf(hub.url, token, thread.id)).find((m) => m.id === messageId && m.status === 'failed'),
      );
      expect(message.status).toBe('failed');
      const body = await api(hub.url, `/api/v1/messages/${messageId}/body`, { token });
      expect(body.body.delivery).toMatchObject({ status: 'failed', attempts: 3, error: 'callback answered HTTP 500' });
    } finally {
      callbackStatus = 200;
    }
  });
});

/**
 * The same person across channels: one writes through the webhook (with an email address) and by
 * Telegram (local Bot API subset, tests/support/fakeTelegram.ts); an agent links the Telegram id to
 * the customer, both threads then belong to one customer, and each is answered in its own channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, reply, startRecorder, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { api, login, removeTempDirs, startHub } from './hub-harness.js';

const TOKEN = '777:identity-test';
const SECRET = 'identity-test-signing-secret';
let hub: Hub;
let token: string;
let fake: FakeTelegram;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let hookUrl: string;

beforeAll(async () => {
  fake = await new FakeTelegram(TOKEN).start();
  recorder = await startRecorder();
  hub = await startHub({ channels: { retryDelaysMs: [20] } });
  token = await login(hub.url);
  await createChannel(hub.url, token, {
    kind: 'telegram',
    name: 'Bot',
    settings: { apiBase: fake.url, pollTimeoutSec: 1, retryDelayMs: 50 },
    secrets: { botToken: TOKEN },
  });
  const webhook = await createChannel(hub.url, token, {
    kind: 'webhook',
    name: 'Site form',
    settings: { callbackUrl: `${recorder.url}/cb` },
    secrets: { signingSecret: SECRET },
  });
  hookUrl = `${hub.url}${webhook.webhookPath}`;
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
  await recorder?.close();
  removeTempDirs();
});

async function viaForm(id: string, text: string) {
  const body = JSON.stringify({
    type: 'message',
    id,
    conversationId: 'form-1',
    sender: { id: 'visitor-1', name: 'Olga Petrova', email: 'Olga@Example.test' },
    text,
  });
  const at = Math.floor(Date.now() / 1000);
  const response = await fetch(hookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-okno-signature': sign(SECRET, at, body),
      'x-okno-timestamp': String(at),
    },
    body,
  });
  expect(response.status).toBe(200);
}

const identities = async (customerId: string) =>
  (await api(hub.url, `/api/v1/customers/${customerId}/identities`, { token })).body.identities.map(
    (i: { kind: string; value: string }) => `${i.kind}:${i.value}`,
  );

describe('customers across channels', () => {
  it('links a Telegram id to a known customer, routes both threads to them, and unlinks it again', async () => {
    await viaForm('f-1', 'Question from the site form');
    const [formThread] = await threadsOf(hub.url, token, 'webhook');
    const olga = formThread.customerId;
    expect(await identities(olga)).toContain('email:olga@example.test');

    const link = await api(hub.url, `/api/v1/customers/${olga}/identities`, {
      token,
      json: { kind: 'telegram', value: '8080' },
    });
    expect(link.status).toBe(201);
    const bad = await api(hub.url, `/api/v1/customers/${olga}/identities`, {
      token,
      json: { kind: 'phone', value: 'call me' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('not a valid phone');

    fake.pushMessage({ id: 8080, first_name: 'Olga' }, { text: 'And a question on Telegram' });
    const tgThread = await waitFor('the telegram thread', async () => (await threadsOf(hub.url, token, 'telegram'))[0]);
    expect(tgThread.customerId).toBe(olga);
    expect(await identities(olga)).toEqual([
      'email:olga@example.test',
      'telegram:8080',
      expect.stringMatching(/^webhook:/),
    ]);

    // Each thread is answered in its own channel.
    await reply(hub.url, token, formThread.id, 'Answer on the site');
    await reply(hub.url, token, tgThread.id, 'Answer on Telegram');
    await hub.channels.settled();
    expect(fake.sent.map((s) => s.text)).toContain('Answer on Telegram');
    expect(recorder.calls.map((c) => JSON.parse(c.body.toString()).text)).toContain('Answer on the site');

    const unlinked = await api(hub.url, `/api/v1/customers/${olga}/identities?kind=telegram&value=8080`, {
      method: 'DELETE',
      token,
    });
    expect(unlinked.status).toBe(200);
    expect(await identities(olga)).not.toContain('telegram:8080');
    const again = await api(hub.url, `/api/v1/customers/${olga}/identities?kind=telegram&value=8080`, {
      method: 'DELETE',
      token,
    });
    expect(again.status).toBe(404);
  });
});

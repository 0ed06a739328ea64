/**
 * VK gateway: the Callback API calls are made by this test as VK would make them, and replies go to
 * a LOCAL server implementing the documented subset of the VK API (tests/support/fakeVk.ts);
 * api.vk.com is not reachable from here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, deadLetters, messagesOf, reply, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeVk } from '../support/fakeVk.js';
import { api, login, removeTempDirs, startHub } from './hub-harness.js';

const GROUP = 217001;
const SECRET = 'vk-callback-secret';
let vk: FakeVk;
let hub: Hub;
let token: string;
let hookUrl: string;

beforeAll(async () => {
  vk = await new FakeVk('vk-access-token').start();
  hub = await startHub({ channels: { retryDelaysMs: [20] } });
  token = await login(hub.url);
  const channel = await createChannel(hub.url, token, {
    kind: 'vk',
    name: 'VK community',
    settings: { apiBase: vk.url, groupId: GROUP },
    secrets: { accessToken: 'vk-access-token', confirmationCode: 'a1b2c3d4', secret: SECRET },
  });
  hookUrl = `${hub.url}${channel.webhookPath}`;
});
afterAll(async () => {
  await hub?.close();
  await vk?.stop();
  removeTempDirs();
});

async function callback(event: Record<string, unknown>) {
  const response = await fetch(hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ group_id: GROUP, secret: SECRET, event_id: crypto.randomUUID(), ...event }),
  });
  return { status: response.status, text: await response.text() };
}

function messageNew(id: number, fields: Record<string, unknown>) {
  return {
    type: 'message_new',
    object: { message: { id, date: 1772442000, from_id: 5150, peer_id: 5150, ...fields } },
  };
}

describe('VK gateway (Callback API + messages.send, local API subset)', () => {
  it('answers the confirmation with the configured code', async () => {
    expect(await callback({ type: 'confirmation', secret: undefined })).toEqual({ status: 200, text: 'a1b2c3d4' });
  });

  it('refuses a wrong secret and a foreign community', async () => {
    const forged = await callback({ ...messageNew(1, { text: 'hi' }), secret: 'guess' });
    expect(forged.status).toBe(401);
    expect(forged.text).toContain('secret');
    const foreign = await callback({ ...messageNew(1, { text: 'hi' }), group_id: 1 });
    expect(foreign.status).toBe(403);
    expect(await threadsOf(hub.url, token, 'vk')).toEqual([]);
  });

  it('checks the secret before it stores anything: forged and broken bodies leave no dead letter', async () => {
    const before = (await deadLetters(hub.url, token)).length;
    const post = (body: string) =>
      fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));
    // A body VK could never send, a forged event of a kind the hub keeps, a forged message, a secret that is only a prefix.
    expect((await post('{"type":')).status).toBe(400);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await callback({ type: 'wall_post_new', object: { id: 1 }, secret: undefined })).status).toBe(401);
    expect((await callback({ ...messageNew(2, { text: 'forged' }), secret: SECRET.slice(0, -1) })).status).toBe(401);
    expect((await callback({ type: 'confirmation', secret: 'guess' })).status).toBe(401);
    expect(await deadLetters(hub.url, token)).toHaveLength(before);
    expect(await threadsOf(hub.url, token, 'vk')).toEqual([]);
  });

  it('takes message_new with a photo and a document, once per message, keeping the VK id', async () => {
    vk.files.set('photo.jpg', Buffer.from('jpeg-bytes'));
    vk.files.set('contract.pdf', Buffer.from('%PDF contract'));
    const event = messageNew(10, {
      text: 'Please look at my contract',
      attachments: [
        { type: 'photo', photo: { id: 1, sizes: [{ url: `${vk.url}/files/photo.jpg`, width: 800, height: 600 }] } },
        { type: 'doc', doc: { id: 2, title: 'contract.pdf', ext: 'pdf', url: `${vk.url}/files/contract.pdf` } },
        { type: 'sticker', sticker: { sticker_id: 9 } },
      ],
    });
    expect(await callback(event)).toEqual({ status: 200, text: 'ok' });
    expect(await callback(event)).toEqual({ status: 200, text: 'ok' });
    const [thread] = await threadsOf(hub.url, token, 'vk');
    const messages = await messagesOf(hub.url, token, thread.id);
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toContain('VK sticker is not shown here');
    const body = (await api(hub.url, `/api/v1/messages/${messages[0].id}/body`, { token })).body;
    expect(body.attachments).toMatchObject([
      { name: 'photo-1.jpg', mime: 'image/jpeg', size: 10 },
      { name: 'contract.pdf', mime: 'application/pdf', size: 13 },
    ]);
    const ids = (await api(hub.url, `/api/v1/customers/${thread.customerId}/identities`, { token })).body;
    expect(ids.identities).toMatchObject([{ kind: 'vk', value: '5150' }]);
  });

  it('keeps other event types and unreadable messages, once authenticated, as dead letters', async () => {
    expect(await callback({ type: 'wall_post_new', object: { id: 1 } })).toEqual({ status: 200, text: 'ok' });
    expect(await callback({ type: 'message_new', object: {} })).toEqual({ status: 200, text: 'ok' });
    const reasons = (await deadLetters(hub.url, token)).map((l) => [l.reason, l.detail]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['unsupported', 'event type wall_post_new is not taken'],
        ['invalid', expect.any(String)],
      ]),
    );
  });

  it('replies with messages.send to the peer, and marks a refused send failed with VK’s reason', async () => {
    const [thread] = await threadsOf(hub.url, token, 'vk');
    await reply(hub.url, token, thread.id, 'We got your contract');
    await hub.channels.settled();
    expect(vk.sent.at(-1)).toMatchObject({ peerId: '5150', message: 'We got your contract' });

    vk.failSends = { error_code: 901, error_msg: "Can't send messages for users without permission" };
    try {
      const messageId = await reply(hub.url, token, thread.id, 'Hello?');
      await hub.channels.settled();
      await waitFor('failed status', async () =>
        (await messagesOf(hub.url, token, thread.id)).find((m) => m.id === messageId && m.status === 'failed'),
      );
      const body = (await api(hub.url, `/api/v1/messages/${messageId}/body`, { token })).body;
      expect(body.delivery.error).toContain('without permission');
    } finally {
      vk.failSends = null;
    }
  });
});

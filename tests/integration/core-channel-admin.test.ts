/**
 * The agent core's channel administration and reply-file upload against a real hub over HTTP:
 * secrets go in and only their names come back, roles are the hub's to enforce, and a file sent
 * in contract-sized chunks arrives whole (and goes out with a Telegram reply, local Bot API subset).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdmin, type ChannelAdmin } from '../../src/main/core/hubApi/channelAdmin.js';
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/attachments.js';
import type { Hub } from '../../src/server/hub.js';
import { threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { addAgent } from './hub-routing-support.js';
import { api, login, removeTempDirs, startHub } from './hub-harness.js';

const TOKEN = '777777:core-admin-token';
let hub: Hub;
let fake: FakeTelegram;
let admin: ChannelAdmin;
let agent: ChannelAdmin;
let adminToken: string;

beforeAll(async () => {
  fake = await new FakeTelegram(TOKEN).start();
  hub = await startHub({ channels: { retryDelaysMs: [20] } });
  adminToken = await login(hub.url);
  const ivan = await addAgent(hub.url, adminToken, 'ivan', 'Ivan');
  admin = createChannelAdmin({ link: () => ({ hubUrl: hub.url, token: adminToken }) });
  agent = createChannelAdmin({ link: () => ({ hubUrl: hub.url, token: ivan.token }) });
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
  removeTempDirs();
});

describe('channel administration through the agent core', () => {
  it('creates and updates a channel; secrets are never returned, only which are set', async () => {
    const created = await admin.create({
      kind: 'telegram',
      name: 'Bank bot',
      settings: { apiBase: fake.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 50 },
      secrets: { botToken: TOKEN },
      enabled: true,
    });
    expect(created.secretsSet).toEqual(['botToken']);
    expect(JSON.stringify(created)).not.toContain(TOKEN);

    const renamed = await admin.update({ channelId: created.id, name: 'Bank bot 2', settings: created.settings });
    expect(renamed).toMatchObject({ name: 'Bank bot 2', secretsSet: ['botToken'] });
    const listed = await admin.list();
    expect(JSON.stringify(listed)).not.toContain(TOKEN);

    await expect(admin.update({ channelId: created.id, secrets: { botToken: 'not a token' } })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/a bot token looks like/),
    });
  });

  it('leaves the roles to the hub: an agent is refused', async () => {
    await expect(agent.list()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(agent.deadLetters(10)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('sends a file in chunks; the reply carries it to Telegram', async () => {
    const file = Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 1000, 7);
    const uploadKey = crypto.randomUUID();
    const chunk = (offset: number) => ({
      uploadKey,
      name: 'scan.pdf',
      mime: 'application/pdf',
      size: file.length,
      offset,
      dataBase64: file.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64'),
      last: offset + UPLOAD_CHUNK_BYTES >= file.length,
    });
    expect(await admin.uploadChunk(chunk(0))).toEqual({ file: null });
    // A chunk out of order is refused and the upload forgotten.
    await expect(admin.uploadChunk(chunk(UPLOAD_CHUNK_BYTES * 2))).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/a chunk is missing/),
    });
    for (const offset of [0, UPLOAD_CHUNK_BYTES])
      expect(await admin.uploadChunk(chunk(offset))).toEqual({ file: null });
    const { file: uploaded } = await admin.uploadChunk(chunk(UPLOAD_CHUNK_BYTES * 2));
    expect(uploaded).toMatchObject({ name: 'scan.pdf', mime: 'application/pdf', size: file.length });

    fake.pushMessage({ id: 4242, first_name: 'Pavel' }, { text: 'Send me the scan please' });
    const thread = await waitFor('the thread', async () => (await threadsOf(hub.url, adminToken, 'telegram'))[0]);
    const now = Date.now();
    const push = await api(hub.url, '/api/v1/sync/push', {
      token: adminToken,
      json: {
        mutations: [
          {
            id: crypto.randomUUID(),
            kind: 'message.send',
            threadId: thread.id,
            messageId: crypto.randomUUID(),
            text: 'Here it is',
            createdAt: now,
            attachmentIds: [uploaded!.id],
          },
        ],
      },
    });
    expect(push.body.results[0].outcome).toBe('applied');
    await hub.channels.settled();
    const sent = await waitFor('the document', async () => fake.sent.find((s) => s.method === 'sendDocument'));
    expect(sent.file).toMatchObject({ name: 'scan.pdf', size: file.length });
  });
});

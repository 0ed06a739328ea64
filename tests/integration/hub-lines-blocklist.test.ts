/**
 * Lines, menus and the blocklist on a real hub: a lead saves a line (a menu with a loop or an
 * unknown prompt is refused naming the step), an agent may not; a number is blocked in E.164 and a
 * blocked sender's chat is answered with the configured reply and never queued; a fresh hub's
 * first group holds the administrator, so the first chat reaches someone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import { createChannel } from '../support/channelHarness.js';
import { api, login, removeTempDirs, startHub } from './hub-harness.js';

const SECRET = 'webhook-signing-secret-for-blocklist';
import {
  events,
  messagesOf,
  startTeamHub,
  threadOfLastMessage,
  waitFor,
  type TeamAgent,
} from './hub-routing-support.js';

let hub: Hub;
let admin: string;
let lead: TeamAgent;
let agent: TeamAgent;

beforeAll(async () => {
  ({ hub, admin, lead, agent } = await startTeamHub());
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

const menu = (next: string | null) => ({
  start: 'main',
  nodes: {
    main: { kind: 'ask', prompt: 'menu_main', options: { '1': 'cards', '3': 'hours' } },
    cards: { kind: 'queue', topic: 'cards' },
    hours: { kind: 'say', prompt: 'opening_hours', next },
  },
});

describe('service lines', () => {
  it('refuses a menu that loops, naming the step, and stores nothing', async () => {
    const refused = await api(hub.url, '/api/v1/lines', {
      token: lead.token,
      json: { number: '+74950000001', name: 'Cards line', menu: menu('main') },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('step "main" leads back to itself');
    expect(refused.body.error.issues).toContainEqual({
      path: 'menu.nodes.main',
      message: 'step "main" leads back to itself; a menu may not loop',
    });
    const listed = await api(hub.url, '/api/v1/lines', { token: lead.token });
    expect(listed.body.lines).toEqual([]);
  });

  it('refuses a prompt nobody can play, naming the step', async () => {
    const broken = menu(null);
    broken.nodes.hours = { kind: 'say', prompt: 'no_such_prompt', next: null };
    const refused = await api(hub.url, '/api/v1/lines', {
      token: lead.token,
      json: { number: '+74950000001', name: 'Cards line', menu: broken },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0]).toMatchObject({ path: 'menu.nodes.hours' });
  });

  it('saves a good line for a lead, lists it with the shipped prompts, and refuses its number twice', async () => {
    const saved = await api(hub.url, '/api/v1/lines', {
      token: lead.token,
      json: { number: '+74950000001', name: 'Cards line', language: 'en', menu: menu(null) },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ number: '+74950000001', maxWaitSeconds: 300, overflow: { kind: 'callback' } });
    const listed = await api(hub.url, '/api/v1/lines', { token: agent.token });
    expect(listed.body.lines.map((l: { id: string }) => l.id)).toEqual([saved.body.id]);
    expect(listed.body.prompts).toEqual(expect.arrayContaining(['menu_main', 'opening_hours', 'position_3', 'moh']));

    const twice = await api(hub.url, '/api/v1/lines', {
      token: lead.token,
      json: { number: '+74950000001', name: 'Another' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('already belongs to line "Cards line"');
  });

  it('refuses an agent with 403 and a line naming a group that does not exist', async () => {
    const byAgent = await api(hub.url, '/api/v1/lines', {
      token: agent.token,
      json: { number: '+74950000002', name: 'Mine' },
    });
    expect(byAgent.status).toBe(403);
    const ghost = await api(hub.url, '/api/v1/lines', {
      token: lead.token,
      json: { number: '+74950000002', name: 'Ghost', groupId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.issues[0]).toMatchObject({ path: 'groupId' });
  });
});

/** A WAV of a 440 Hz tone: 16-bit, `channels`, 8 kHz. */
function wav(seconds: number, channels = 1): string {
  const samples = 8000 * seconds;
  const data = Buffer.alloc(samples * 2 * channels);
  for (let i = 0; i < samples * channels; i += 1) data.writeInt16LE(Math.round(8000 * Math.sin(i / 3)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000 * 2 * channels, 28);
  header.writeUInt16LE(2 * channels, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]).toString('base64');
}

describe('uploaded prompts', () => {
  it("keeps a lead's recording for menus, refuses one it cannot play, and will not delete one in use", async () => {
    const stereo = await api(hub.url, '/api/v1/prompts', {
      token: lead.token,
      json: { name: 'Stereo', dataBase64: wav(1, 2) },
    });
    expect(stereo.status).toBe(400);
    expect(stereo.body.error.message).toBe('the WAV file has 2 channels; save it as mono');
    const notWav = await api(hub.url, '/api/v1/prompts', {
      token: lead.token,
      json: { name: 'Text', dataBase64: Buffer.from('hello').toString('base64') },
    });
    expect(notWav.body.error.message).toBe('the file is not a WAV file (RIFF/WAVE)');
    expect(
      (await api(hub.url, '/api/v1/prompts', { token: agent.token, json: { name: 'x', dataBase64: wav(1) } })).status,
    ).toBe(403);

    const uploaded = await api(hub.url, '/api/v1/prompts', {
      token: lead.token,
      json: { name: 'Greeting by Lena', dataBase64: wav(2) },
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({
      id: expect.stringMatching(/^upload:/),
      name: 'Greeting by Lena',
      durationMs: 2000,
    });
    const line = await api(hub.url, '/api/v1/lines', {
      token: lead.token,
      json: {
        number: '+74950000009',
        name: 'Recorded',
        menu: {
          start: 'hello',
          nodes: { hello: { kind: 'say', prompt: uploaded.body.id, next: 'q' }, q: { kind: 'queue' } },
        },
      },
    });
    expect(line.status).toBe(200);
    const listed = (await api(hub.url, '/api/v1/lines', { token: lead.token })).body;
    expect(listed.uploads).toEqual([uploaded.body]);

    const bare = uploaded.body.id.slice('upload:'.length);
    const inUse = await api(hub.url, `/api/v1/prompts/${bare}`, { method: 'DELETE', token: lead.token });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toContain('line "Recorded" plays this prompt');
    await api(hub.url, `/api/v1/lines/${line.body.id}`, { method: 'DELETE', token: lead.token });
    const deleted = await api(hub.url, `/api/v1/prompts/${bare}`, { method: 'DELETE', token: lead.token });
    expect(deleted.body).toEqual({ deleted: uploaded.body.id });
  });
});

describe('blocklist', () => {
  it('stores a blocked number in E.164 with who and why, and names a value that is not a number', async () => {
    const added = await api(hub.url, '/api/v1/blocklist', {
      token: lead.token,
      json: { kind: 'phone', value: '8 (916) 555-00-11', reason: 'abusive caller' },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ kind: 'phone', value: '+79165550011', addedByName: 'Lena Lead' });
    const bad = await api(hub.url, '/api/v1/blocklist', {
      token: lead.token,
      json: { kind: 'phone', value: 'not a number', reason: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'value', message: '"not a number" is not a phone number' }]);
    expect((await api(hub.url, '/api/v1/blocklist', { token: agent.token })).status).toBe(403);
    const removed = await api(hub.url, `/api/v1/blocklist/${added.body.id}`, { method: 'DELETE', token: admin });
    expect(removed.body).toEqual({ removed: added.body.id });
    expect((await api(hub.url, '/api/v1/blocklist', { token: lead.token })).body.blocks).toEqual([]);
  });

  it('answers a blocked messenger sender with the configured reply and does not queue the thread', async () => {
    await api(hub.url, '/api/v1/blocklist', {
      token: lead.token,
      json: { kind: 'phone', value: '+7 916 777-00-11', reason: 'spam' },
    });
    const channel = await createChannel(hub.url, admin, {
      kind: 'webhook',
      name: 'Bot',
      settings: { callbackUrl: 'http://127.0.0.1:9/unused' },
      secrets: { signingSecret: SECRET },
    });
    const body = JSON.stringify({
      type: 'message',
      id: 'spam-1',
      conversationId: 'spam-conv',
      sender: { id: 'spammer', name: 'Spam', phone: '89167770011' },
      text: 'buy cheap things',
    });
    const at = Math.floor(Date.now() / 1000);
    const posted = await fetch(`${hub.url}${channel.webhookPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-okno-signature': sign(SECRET, at, body),
        'x-okno-timestamp': String(at),
      },
      body,
    });
    expect(posted.status).toBe(200);
    const thread = await waitFor(
      () => threadOfLastMessage(hub.url, admin, 'buy cheap things'),
      (t) => t.status === 'closed',
    );
    expect(thread).toMatchObject({ assigneeId: null, slaDueAt: null });
    const messages = await messagesOf(hub.url, admin, thread.id);
    expect(messages.map((m) => m.author.kind)).toEqual(['customer', 'system']);
    expect(messages[1].text).toContain('We cannot accept messages from this account');
    expect((await events(hub.url, admin, thread.id)).join('\n')).toContain('blocked: spam');
  });
});

describe('first run', () => {
  it('puts the first administrator in the first group, which takes every channel', async () => {
    const fresh = await startHub({ seedDefaults: true, clockMs: 0 });
    try {
      const token = await login(fresh.url);
      const team = (await api(fresh.url, '/api/v1/team', { token })).body.agents;
      const groups = (await api(fresh.url, '/api/v1/groups', { token })).body.groups;
      const adminId = team.find((a: { login: string }) => a.login === 'admin').id;
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatchObject({ skills: { channels: [], topics: [], languages: [] }, memberIds: [adminId] });
    } finally {
      await fresh.close();
    }
  });
});

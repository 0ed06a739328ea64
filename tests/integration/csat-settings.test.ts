/**
 * The ratings settings and rating addresses on a real hub (issue 16): admins save, leads read, agents
 * cannot save; a bad value or an unknown line is refused by name; a rating address is only for the
 * agent's own call, only for a call, and none for a line that does not rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { saveCsatSettings } from './csat-support.js';
import { api, login, removeTempDirs, startHub } from './hub-harness.js';
import { addAgent, customerWrites, type TeamAgent } from './hub-routing-support.js';

let hub: Hub;
let admin: string;
let anna: TeamAgent;

beforeAll(async () => {
  hub = await startHub({ clockMs: 0 });
  admin = await login(hub.url);
  anna = await addAgent(hub.url, admin, 'anna', 'Anna');
});
afterAll(async () => {
  await hub?.close();
  removeTempDirs();
});

const put = (token: string, json: unknown) => api(hub.url, '/api/v1/csat/settings', { method: 'PUT', token, json });

describe('ratings settings', () => {
  it('saves what an admin gives and refuses bad values by name', async () => {
    expect((await api(hub.url, '/api/v1/csat/settings', { token: anna.token })).body).toEqual({
      lineIds: [],
      channels: [],
      validityHours: 72,
      linkBase: null,
    });
    const good = { lineIds: [], channels: ['vk', 'vk', 'email'], validityHours: 24, linkBase: 'https://hub.example' };
    expect(await saveCsatSettings(hub.url, admin, good)).toMatchObject({ channels: ['vk', 'email'] });

    expect((await put(anna.token, good)).status).toBe(403);
    const late = await put(admin, { ...good, validityHours: 0 });
    expect(late.status).toBe(400);
    expect(JSON.stringify(late.body)).toContain('at least 1 hour');
    const link = await put(admin, { ...good, linkBase: 'ftp://hub' });
    expect(JSON.stringify(link.body)).toContain('http:// or https://');
    const channel = await put(admin, { ...good, channels: ['fax'] });
    expect(channel.status).toBe(400);
    const line = await put(admin, { ...good, lineIds: ['01900000-0000-7000-8000-0000000000e9'] });
    expect(line.status).toBe(400);
    expect(line.body.error.message).toContain('no such line: 01900000-0000-7000-8000-0000000000e9');
  });

  it('gives a rating address only for a call', async () => {
    const chat = await customerWrites(hub.url, admin, 'hello');
    chat.widget.socket.close();
    const asked = await api(hub.url, '/api/v1/csat/rating-address', {
      token: admin,
      json: { threadId: chat.thread.id },
    });
    expect(asked.status).toBe(400);
    expect(asked.body.error.message).toContain('is not a call');
    const missing = await api(hub.url, '/api/v1/csat/rating-address', {
      token: anna.token,
      json: { threadId: '01900000-0000-7000-8000-0000000000f9' },
    });
    expect(missing.status).toBe(404);
  });
});

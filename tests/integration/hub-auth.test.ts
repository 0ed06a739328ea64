import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Agent } from '../../src/shared/domain.js';
import { LoginResponse, SYNC_API } from '../../src/shared/sync.js';
import { WIDGET_SOCKET_PATH } from '../../src/shared/widgetProtocol.js';
import type { Hub } from '../../src/server/hub.js';
import { ADMIN_PASSWORD, api, login, removeTempDirs, startHub } from './hub-harness.js';

let hub: Hub;

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

describe('hub sign-in and request guarding', () => {
  it('creates the admin on first start and lets it sign in', async () => {
    expect(hub.bootstrap).toEqual({ login: 'admin', password: ADMIN_PASSWORD });
    const reply = await api(hub.url, SYNC_API.login, { json: { login: 'admin', password: ADMIN_PASSWORD } });
    expect(reply.status).toBe(200);
    const body = LoginResponse.parse(reply.body);
    expect(body.hubId).toBe(hub.hubId);
    expect(body.agent).toMatchObject({ login: 'admin', name: 'Administrator', role: 'admin' });
    // The token is the 32-byte secret in base64url.
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a wrong password and an unknown login with the same 401 invalid_credentials', async () => {
    const wrong = await api(hub.url, SYNC_API.login, { json: { login: 'admin', password: 'not-the-password' } });
    const unknown = await api(hub.url, SYNC_API.login, { json: { login: 'nobody', password: 'whatever1' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('answers malformed JSON with 400 bad_request that says the body is not JSON', async () => {
    const reply = await api(hub.url, SYNC_API.login, { body: '{"login": "admin", ' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('bad_request');
    expect(reply.body.error.message).toMatch(/not valid JSON/);
  });

  it('names the missing field of a login request', async () => {
    const reply = await api(hub.url, SYNC_API.login, { json: { login: 'admin' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues).toEqual([expect.objectContaining({ path: 'password' })]);
    expect(reply.body.error.message).toContain('password');
  });

  it('refuses sync routes without a token, or with a token that is not a session, with 401 unauthorized', async () => {
    const missing = await api(hub.url, `${SYNC_API.pull}?after=0`);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthorized');
    expect(missing.body.error.message).toMatch(/Authorization/);
    const forged = await api(hub.url, `${SYNC_API.pull}?after=0`, { token: 'x'.repeat(43) });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthorized');
  });

  it('refuses the live socket upgrade without a token', async () => {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}${SYNC_API.live}`);
    const status = await new Promise<number>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('the socket opened without a token')));
    });
    expect(status).toBe(401);
  });

  it('refuses a body that is not JSON with 415, and a plain GET on a socket path with 426', async () => {
    const text = await api(hub.url, SYNC_API.login, { body: 'login=admin', contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.error.message).toContain('text/plain');
    const plain = await api(hub.url, WIDGET_SOCKET_PATH);
    expect(plain.status).toBe(426);
    expect(plain.body.error.code).toBe('bad_request');
  });

  it('answers an unknown route with JSON 404 not_found', async () => {
    const reply = await api(hub.url, '/api/v1/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body.error).toEqual({ code: 'not_found', message: 'no route for GET /api/v1/nothing-here' });
  });

  it('answers a body over 1 MiB with 413 payload_too_large', async () => {
    const token = await login(hub.url);
    const reply = await api(hub.url, SYNC_API.push, { token, body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
  });
});

describe('POST /api/v1/agents', () => {
  it('lets the admin create an agent who can then sign in', async () => {
    const token = await login(hub.url);
    const reply = await api(hub.url, '/api/v1/agents', {
      token,
      json: { login: 'anna', name: 'Anna', password: 'anna-password', role: 'agent' },
    });
    expect(reply.status).toBe(201);
    const agent = Agent.parse(reply.body);
    expect(agent).toMatchObject({ login: 'anna', name: 'Anna', role: 'agent', status: 'offline' });
    await expect(login(hub.url, 'anna', 'anna-password')).resolves.toMatch(/.{43}/);
  });

  it('forbids an agent to create agents, and refuses a taken login with 409', async () => {
    await api(hub.url, '/api/v1/agents', {
      token: await login(hub.url),
      json: { login: 'boris', name: 'Boris', password: 'boris-password', role: 'agent' },
    });
    const asAgent = await api(hub.url, '/api/v1/agents', {
      token: await login(hub.url, 'boris', 'boris-password'),
      json: { login: 'vera', name: 'Vera', password: 'vera-password', role: 'agent' },
    });
    expect(asAgent.status).toBe(403);
    expect(asAgent.body.error.code).toBe('forbidden');
    const taken = await api(hub.url, '/api/v1/agents', {
      token: await login(hub.url),
      json: { login: 'BORIS', name: 'Boris 2', password: 'boris-password', role: 'agent' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');
  });
});

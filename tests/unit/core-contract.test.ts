import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentCore, createFileKeySecretBox, loadSettings, type AgentCore } from '../../src/main/core/index.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { tempDir } from './core-fixtures.js';

let core: AgentCore;
let dataDir: string;
let remove: () => void;
let events: [string, unknown][];

beforeEach(async () => {
  const t = tempDir();
  remove = t.remove;
  dataDir = t.dir;
  core = await createAgentCore({
    dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(dataDir),
    embeddedHubUrl: 'http://127.0.0.1:8740',
    version: '1.2.3',
  });
  events = [];
  core.onEvent((name, payload) => events.push([name, payload]));
});
afterEach(async () => {
  await core.close();
  remove();
});

describe('core contract handlers', () => {
  it('refuses a request the contract does not name', async () => {
    const result = await dispatch(core.handlers, 'fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown_request', message: 'unknown request "fs.readFile"' } });
  });

  it('names the field that was wrong', async () => {
    const result = await dispatch(core.handlers, 'queue.list', { limit: 100000, status: 'maybe' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['limit', 'status']);
  });

  it('answers not_found for a thread the cache does not hold', async () => {
    const id = uuidv7();
    expect(await dispatch(core.handlers, 'thread.get', { threadId: id })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `thread ${id} is not in the local cache` },
    });
  });

  it('needs a signed-in agent to send or change status', async () => {
    const send = await dispatch(core.handlers, 'message.send', { threadId: uuidv7(), text: 'Добрый день' });
    expect(send.ok ? null : send.error.code).toBe('not_signed_in');
    const status = await dispatch(core.handlers, 'agent.setStatus', { status: 'ready' });
    expect(status.ok ? null : status.error.code).toBe('not_signed_in');
  });

  it('describes the app, the session and the connection while signed out', async () => {
    expect(await dispatch(core.handlers, 'app.info', {})).toEqual({
      ok: true,
      output: { version: '1.2.3', host: 'browser', embeddedHubUrl: 'http://127.0.0.1:8740' },
    });
    expect(await dispatch(core.handlers, 'session.get', {})).toEqual({
      ok: true,
      output: { signedIn: false, agent: null, hubUrl: 'http://127.0.0.1:8740' },
    });
    expect(await dispatch(core.handlers, 'connection.get', {})).toEqual({
      ok: true,
      output: { status: 'signed_out', since: null, pendingMutations: 0, lastError: null },
    });
    expect(await dispatch(core.handlers, 'queue.list', {})).toEqual({ ok: true, output: { items: [], total: 0 } });
  });

  it('says which hub could not be reached', async () => {
    const result = await dispatch(core.handlers, 'session.signIn', {
      hubUrl: 'http://127.0.0.1:1',
      login: 'anna',
      password: 'secret',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('hub_unreachable');
    expect(result.error.message).toContain('http://127.0.0.1:1');
  });

  it('stores settings, announces them and keeps them across restarts', async () => {
    const result = await dispatch(core.handlers, 'settings.update', { language: 'ru' });
    expect(result).toEqual({ ok: true, output: { language: 'ru', hubUrl: null } });
    expect(events).toContainEqual(['settings.changed', { language: 'ru', hubUrl: null }]);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toEqual({
      language: 'ru',
      hubUrl: null,
    });
    expect(loadSettings(dataDir)).toEqual({ language: 'ru', hubUrl: null });
    const bad = await dispatch(core.handlers, 'settings.update', { language: 'de' });
    expect(bad.ok ? null : bad.error.issues?.[0]?.path).toBe('language');
  });
});

describe('default settings', () => {
  it('pick the language from LANG', () => {
    const d = tempDir();
    try {
      expect(loadSettings(d.dir, { env: { LANG: 'ru_RU.UTF-8' } }).language).toBe('ru');
      expect(loadSettings(d.dir, { env: { LANG: 'en_GB.UTF-8' } }).language).toBe('en');
      expect(loadSettings(d.dir, { env: {} })).toEqual({ language: 'en', hubUrl: null });
    } finally {
      d.remove();
    }
  });
});

/**
 * The agent core in its worker thread (decision 0048) against a real hub: calls, events and the
 * keychain bridge work as with a core on the caller's thread; the calling thread never loads the
 * SQLite driver; a worker that dies fails the call it held with a clear error and comes back on
 * its own; searches typed in a row run only the newest.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileKeySecretBox, startCoreWorker, type CoreEndpoint } from '../../src/main/core/index.js';
import type { SecretBox } from '../../src/main/core/secrets/secretBox.js';
import type { EventName, QueueItem, RequestName, SessionState } from '../../src/shared/contract.js';
import type { CallResult } from '../../src/shared/contractWire.js';
import { waitFor } from '../support/waitFor.js';
import {
  ADMIN_PASSWORD,
  closeAll,
  customerSays,
  openWidget,
  removeTempDirs,
  startHub,
  tempDir,
} from './hub-harness.js';

type Hub = Awaited<ReturnType<typeof startHub>>;

let hub: Hub;
const cores: CoreEndpoint[] = [];

/** The file-key box, counting what the worker asked of it through the bridge. */
function countingBox(dataDir: string): SecretBox & { calls: number } {
  const inner = createFileKeySecretBox(dataDir);
  const box = {
    calls: 0,
    encrypt: (plain: string) => (box.calls++, inner.encrypt(plain)),
    decrypt: (sealed: string) => (box.calls++, inner.decrypt(sealed)),
  };
  return box;
}

async function startCore(dataDir: string, extra: Partial<Parameters<typeof startCoreWorker>[0]> = {}) {
  const box = countingBox(dataDir);
  const core = await startCoreWorker({
    dataDir,
    host: 'browser',
    secretBox: box,
    embeddedHubUrl: hub.url,
    cacheMaintenanceDelayMs: null,
    syncTiming: { heartbeatMs: 500, backoffBaseMs: 30, backoffMaxMs: 300, requestTimeoutMs: 3000 },
    ...extra,
  });
  cores.push(core);
  const events: [EventName, unknown][] = [];
  core.onEvent((name, payload) => events.push([name, payload]));
  async function call<T = unknown>(name: RequestName, input: unknown = {}): Promise<T> {
    const result = await core.invoke(name, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.output as T;
  }
  return { core, box, events, call };
}

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(cores.map((core) => core.close()));
  await hub.close();
  removeTempDirs();
});

describe('the agent core in a worker thread', () => {
  it('serves calls and events, unseals through the host thread, and keeps SQLite off the calling thread', async () => {
    const { box, events, call } = await startCore(tempDir('okno-core-worker-'));
    const session = await call<SessionState>('session.signIn', {
      hubUrl: hub.url,
      login: 'admin',
      password: ADMIN_PASSWORD,
    });
    expect(session.signedIn).toBe(true);
    // The hub token was sealed with the host thread's box: the bridge carried the call.
    expect(box.calls).toBeGreaterThan(0);

    const { widget } = await openWidget(hub.url);
    await customerSays(widget, 'worker core hello');
    const item = await waitFor('the customer message in the queue', async () => {
      const { items } = await call<{ items: QueueItem[] }>('queue.list', { limit: 50 });
      return items.find((t) => t.lastMessagePreview.includes('worker core hello'));
    });
    expect(item.channel).toBe('webchat');
    await waitFor('a queue.changed event from the worker', () => events.some(([name]) => name === 'queue.changed'));
    closeAll(widget);

    const invalid = await cores[0]!.invoke('queue.list', { limit: 'many' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((file) => file.includes('better-sqlite3-multiple-ciphers'))).toEqual([]);
  });

  it('knows the saved PBX address for the CSP by the time the save returns (the page reloads at once)', async () => {
    const { core, call } = await startCore(tempDir('okno-core-worker-csp-'));
    expect(core.connectSources()).toEqual([]);
    await call('softphone.saveAccount', {
      account: { serverUri: 'ws://127.0.0.1:8088', sipUri: 'sip:agent1@127.0.0.1' },
      password: null,
    });
    expect(core.connectSources()).toEqual(['ws://127.0.0.1:8088']);
  });

  it('fails the call that crashed the worker with a clear error, restarts it and resumes the session', async () => {
    const dataDir = tempDir('okno-core-worker-crash-');
    const { core, events, call } = await startCore(dataDir, { faults: { crashOnRequest: 'stats.now' } });
    await call('session.signIn', { hubUrl: hub.url, login: 'admin', password: ADMIN_PASSWORD });

    const crashed = await core.invoke('stats.now', {});
    expect(crashed).toMatchObject({ ok: false, error: { code: 'core_stopped' } });
    expect((crashed as Extract<CallResult, { ok: false }>).error.message).toContain('"stats.now"');

    // Back on its own: the window is told to reload, and the saved sign-in is resumed.
    await waitFor('the reload hint after the restart', () =>
      events.some(
        ([name, payload]) => name === 'queue.changed' && (payload as { threadIds: string[] }).threadIds.length === 0,
      ),
    );
    const session = await waitFor('the session resumed in the new worker', async () => {
      const state = await call<SessionState>('session.get');
      return state.signedIn ? state : undefined;
    });
    expect(session.agent?.login).toBe('admin');
  });

  it('leaves a core that keeps crashing stopped, saying so', async () => {
    const { core } = await startCore(tempDir('okno-core-worker-budget-'), {
      faults: { crashOnRequest: 'app.info' },
      maxRestartsPerMinute: 1,
    });
    expect(await core.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'core_stopped' } });
    await waitFor('the first restart', async () => (await core.invoke('session.get', {})).ok);
    expect(await core.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'core_stopped' } });
    const after = await core.invoke('session.get', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'core_stopped' } });
    expect((after as Extract<CallResult, { ok: false }>).error.message).toContain('left stopped');
  });

  it('runs only the newest of searches typed in a row; the replaced one is answered superseded', async () => {
    const { core, call } = await startCore(tempDir('okno-core-worker-search-'));
    await call('session.signIn', { hubUrl: hub.url, login: 'admin', password: ADMIN_PASSWORD });
    const [first, second, third] = await Promise.all([
      core.invoke('search.messages', { query: 'h', limit: 5 }),
      core.invoke('search.messages', { query: 'he', limit: 5 }),
      core.invoke('search.messages', { query: 'hello', limit: 5 }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'superseded' } });
    expect(third.ok).toBe(true);
  });

  it('refuses to start with a clear message when the data folder is not usable', async () => {
    const file = path.join(tempDir('okno-core-worker-bad-'), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(
      startCoreWorker({ dataDir: file, host: 'browser', secretBox: createFileKeySecretBox(tempDir()) }),
    ).rejects.toThrow(/not-a-folder/);
  });
});

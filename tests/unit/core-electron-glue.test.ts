/** The Electron glue's decisions, tested without an Electron runtime (only types come from it). */
import type { IpcRendererEvent, SafeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { createBridge } from '../../src/main/electron/bridge.js';
import { createSafeStorageSecretBox, isSafeStorageUsable } from '../../src/main/electron/safeStorageSecretBox.js';
import { isOurPage } from '../../src/main/electron/trustedPage.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/shared/contractWire.js';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

function fakeIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  return {
    invoked,
    listeners,
    emit: (channel: string, ...args: unknown[]) =>
      listeners.get(channel)?.forEach((l) => l({} as IpcRendererEvent, ...args)),
    ipc: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push([channel, ...args]);
        return { ok: true, output: 'from main' };
      },
      on(channel: string, listener: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return this;
      },
      removeListener(channel: string, listener: Listener) {
        listeners.get(channel)?.delete(listener);
        return this;
      },
    },
  };
}

describe('preload bridge', () => {
  it('passes contract requests to the one invoke channel and refuses anything else', async () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc as never);
    expect(await bridge.invoke('queue.list', { limit: 5 })).toEqual({ ok: true, output: 'from main' });
    expect(fake.invoked).toEqual([[IPC_INVOKE_CHANNEL, 'queue.list', { limit: 5 }]]);
    for (const name of ['fs.readFile', '__proto__', 'toString', 42]) {
      const result = await bridge.invoke(name as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    }
    expect(fake.invoked).toHaveLength(1);
  });

  it('forwards only contract events and unsubscribes cleanly', () => {
    const fake = fakeIpc();
    const seen: [string, unknown][] = [];
    const off = createBridge(fake.ipc as never).onEvent((name, payload) => seen.push([name, payload]));
    fake.emit(IPC_EVENT_CHANNEL, 'queue.changed', { threadIds: [] });
    fake.emit(IPC_EVENT_CHANNEL, 'secret.leaked', { x: 1 });
    fake.emit(IPC_EVENT_CHANNEL, 42, {});
    expect(seen).toEqual([['queue.changed', { threadIds: [] }]]);
    off();
    expect(fake.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });
});

describe('IPC sender check', () => {
  const index = 'app://okno/index.html';
  it('accepts our page with any query or fragment, and nothing else', () => {
    expect(isOurPage(index, index)).toBe(true);
    expect(isOurPage(`${index}?x=1#/inbox`, index)).toBe(true);
    expect(isOurPage(`${index}#/inbox`)).toBe(true);
    expect(isOurPage('file:///opt/Okno/resources/app.asar/dist/renderer/index.html', index)).toBe(false);
    expect(isOurPage('file:///tmp/evil.html', index)).toBe(false);
    expect(isOurPage('app://evil/index.html', index)).toBe(false);
    expect(isOurPage('app://okno/other.html', index)).toBe(false);
    expect(isOurPage('https://evil.example/index.html', index)).toBe(false);
    expect(isOurPage('', index)).toBe(false);
    expect(isOurPage(null, index)).toBe(false);
    expect(isOurPage('not a url', index)).toBe(false);
  });
});

describe('safeStorage secret box', () => {
  function fakeSafeStorage(backend: ReturnType<SafeStorage['getSelectedStorageBackend']>, available = true) {
    return {
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend,
      encryptString: (plain: string) => Buffer.from([...Buffer.from(plain)].reverse()),
      decryptString: (sealed: Buffer) => Buffer.from([...sealed].reverse()).toString(),
    } as unknown as SafeStorage;
  }

  it('round-trips through safeStorage as base64', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret'));
    const sealed = box.encrypt('token-123');
    expect(sealed).not.toContain('token-123');
    expect(box.decrypt(sealed)).toBe('token-123');
  });

  it("is not trusted on Linux's basic_text fallback or without encryption", () => {
    expect(isSafeStorageUsable(fakeSafeStorage('gnome_libsecret'), 'linux')).toBe(true);
    expect(isSafeStorageUsable(fakeSafeStorage('basic_text'), 'linux')).toBe(false);
    expect(isSafeStorageUsable(fakeSafeStorage('unknown'), 'darwin')).toBe(true);
    expect(isSafeStorageUsable(fakeSafeStorage('unknown', false), 'win32')).toBe(false);
  });
});

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeySecretBox } from '../../src/main/core/index.js';
import { KEY_FILE } from '../../src/main/core/secrets/fileKeySecretBox.js';
import { CREDENTIALS_FILE, createCredentialsStore } from '../../src/main/core/session/credentialsStore.js';
import { createLogger } from '../../src/shared/log.js';
import { tempDir } from './core-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function dir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return path.join(t.dir, 'not-yet-made');
}

const TOKEN = 'tok_7c1f0d6e9b2a4c3d8e5f6a7b8c9d0e1f2a3b4c5d';

describe('file-key secret box', () => {
  it('round-trips, with a fresh nonce every time', () => {
    const box = createFileKeySecretBox(dir());
    const a = box.encrypt(TOKEN);
    const b = box.encrypt(TOKEN);
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(box.decrypt(a)).toBe(TOKEN);
    expect(box.decrypt(box.encrypt('Пароль ёж'))).toBe('Пароль ёж');
  });

  it('keeps its key in a 0600 file and reuses it across restarts', () => {
    const d = dir();
    const sealed = createFileKeySecretBox(d).encrypt(TOKEN);
    expect(statSync(path.join(d, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(createFileKeySecretBox(d).decrypt(sealed)).toBe(TOKEN);
  });

  it('refuses what another key sealed or what was altered', () => {
    const sealed = createFileKeySecretBox(dir()).encrypt(TOKEN);
    const other = createFileKeySecretBox(dir());
    expect(() => other.decrypt(sealed)).toThrow();
    const box = createFileKeySecretBox(dir());
    const mine = box.encrypt(TOKEN);
    const flipped = mine.slice(0, -4) + (mine.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.decrypt(flipped)).toThrow();
    expect(() => box.decrypt('plain text')).toThrow(/not a sealed secret/);
  });

  it('refuses a damaged key file instead of silently making a new key', () => {
    const d = dir();
    createFileKeySecretBox(d);
    writeFileSync(path.join(d, KEY_FILE), 'short');
    expect(() => createFileKeySecretBox(d)).toThrow(/32-byte key/);
  });
});

describe('saved credentials', () => {
  it('never write the token in plain text, and read it back', () => {
    const d = dir();
    const store = createCredentialsStore(d, createFileKeySecretBox(d), createLogger('test'));
    store.save({ hubUrl: 'http://127.0.0.1:8740', login: 'anna', token: TOKEN, embedded: false });
    const onDisk = readFileSync(path.join(d, CREDENTIALS_FILE), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).toContain('sealedToken');
    expect(statSync(path.join(d, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    expect(store.load()).toEqual({ hubUrl: 'http://127.0.0.1:8740', login: 'anna', token: TOKEN, embedded: false });
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('treat credentials sealed under a lost key as signed out', () => {
    const d = dir();
    createCredentialsStore(d, createFileKeySecretBox(d), createLogger('test')).save({
      hubUrl: 'http://127.0.0.1:8740',
      login: 'anna',
      token: TOKEN,
      embedded: false,
    });
    const otherKey = createFileKeySecretBox(dir());
    expect(createCredentialsStore(d, otherKey, createLogger('test')).load()).toBeNull();
  });
});

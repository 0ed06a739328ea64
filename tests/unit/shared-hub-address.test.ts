import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/main/core/settings/settingsStore.js';
import { requests } from '../../src/shared/contract.js';
import { hubAddressProblem, isLoopbackHost } from '../../src/shared/hubAddress.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { hubAddressErrorText } from '../../src/renderer/features/session/hubAddressText.js';

describe('hub address rule', () => {
  it.each([
    'https://hub.example.com',
    'https://hub.example.com:8740/',
    'https://10.0.0.5',
    'http://127.0.0.1:8740',
    'http://127.45.3.9:1',
    'http://127.1:8740',
    'http://localhost:8740',
    'http://LOCALHOST.',
    'http://[::1]:8740',
    'http://[0:0:0:0:0:0:0:1]:8740',
    '  http://127.0.0.1:8740  ',
  ])('accepts %s', (address) => {
    expect(hubAddressProblem(address)).toBeNull();
  });

  it.each([
    ['http://hub.example.com', 'plain_http'],
    ['http://10.0.0.5:8740', 'plain_http'],
    ['http://192.168.1.20', 'plain_http'],
    ['http://128.0.0.1', 'plain_http'],
    ['http://localhost.example.com', 'plain_http'],
    ['http://127.0.0.1.nip.io', 'plain_http'],
    ['http://[::2]', 'plain_http'],
    ['http://0.0.0.0:8740', 'plain_http'],
    ['ftp://hub.example.com', 'scheme'],
    ['ws://127.0.0.1', 'scheme'],
    ['hub.example.com', 'not_url'],
    ['', 'not_url'],
  ])('refuses %s (%s)', (address, problem) => {
    expect(hubAddressProblem(address)).toBe(problem);
  });

  it('knows loopback only after normalisation', () => {
    expect(isLoopbackHost(new URL('http://127.000.000.001').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://0x7f.1').hostname)).toBe(true);
    expect(isLoopbackHost('127.0.0.1.example')).toBe(false);
  });

  it('the contract refuses a plain http:// hub elsewhere, naming the address and why', () => {
    const input = requests['session.signIn'].input;
    const refused = input.safeParse({ hubUrl: 'http://hub.example.com:8740', login: 'a', password: 'b' });
    expect(refused.success).toBe(false);
    const issue = refused.error!.issues[0]!;
    expect(issue.path).toEqual(['hubUrl']);
    expect(issue.message).toContain('http://hub.example.com:8740');
    expect(issue.message).toMatch(/anyone on the network could read/);
    expect(input.safeParse({ hubUrl: 'https://hub.example.com', login: 'a', password: 'b' }).success).toBe(true);
    expect(input.safeParse({ hubUrl: 'http://127.0.0.1:8740', login: 'a', password: 'b' }).success).toBe(true);
    expect(requests['settings.update'].input.safeParse({ hubUrl: 'http://10.1.1.1' }).success).toBe(false);
  });

  it('a settings file with a refused hub keeps its other values', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okno-hub-address-'));
    try {
      writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ language: 'ru', hubUrl: 'http://hub.lan:8740' }));
      expect(loadSettings(dir, { env: {} })).toEqual({ language: 'ru', hubUrl: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the renderer says why, in English and Russian', () => {
    for (const [language, why] of [
      ['en', /plain http:\/\//],
      ['ru', /незащищённому http:\/\//],
    ] as const) {
      const i18n = createI18n(language);
      const text = hubAddressErrorText(i18n.t, 'http://hub.lan:8740');
      expect(text).toContain('http://hub.lan:8740');
      expect(text).toMatch(why);
      expect(hubAddressErrorText(i18n.t, 'nonsense')).not.toContain('nonsense');
    }
  });
});

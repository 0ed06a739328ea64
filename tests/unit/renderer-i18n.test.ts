import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors.js';
import { en } from '../../src/renderer/i18n/en.js';
import { createI18n, guessLanguage } from '../../src/renderer/i18n/index.js';
import { ru } from '../../src/renderer/i18n/ru.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattens a resource to dotted keys → strings. */
function flatten(resource: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(resource)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else throw new Error(`${path} is neither a string nor a section`);
  }
  return out;
}

const flatEn = flatten(en);
const flatRu = flatten(ru);
const baseKeys = (flat: Map<string, string>) => new Set([...flat.keys()].map((k) => k.replace(PLURAL, '')));
const pluralForms = (flat: Map<string, string>, base: string) =>
  [...flat.keys()]
    .filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k))
    .map((k) => PLURAL.exec(k)?.[1])
    .sort();
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  it('have the same keys in English and Russian (plural forms aside)', () => {
    expect([...baseKeys(flatRu)].sort()).toEqual([...baseKeys(flatEn)].sort());
  });

  it('give every plural its language’s forms: one/other in English, one/few/many/other in Russian', () => {
    const plurals = [...baseKeys(flatEn)].filter((base) => pluralForms(flatEn, base).length > 0);
    expect(plurals).toContain('inbox.count');
    for (const base of plurals) {
      expect(pluralForms(flatEn, base), base).toEqual(['one', 'other']);
      expect(pluralForms(flatRu, base), base).toEqual(['few', 'many', 'one', 'other']);
    }
  });

  it('translate every error code, in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(flatEn.get(`errors.${code}`), `en errors.${code}`).toBeTruthy();
      expect(flatRu.get(`errors.${code}`), `ru errors.${code}`).toBeTruthy();
    }
    // …and nothing that is not an error code hides in the errors section.
    const errorKeys = [...flatEn.keys()].filter((k) => k.startsWith('errors.')).map((k) => k.slice(7));
    expect(errorKeys.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of flatRu) {
      const enText = flatEn.get(key) ?? flatEn.get(key.replace(PLURAL, '_other'));
      expect(enText, key).toBeDefined();
      expect(variables(text), key).toEqual(variables(enText ?? ''));
    }
  });

  it('has no empty or untranslated-looking Russian strings', () => {
    for (const [key, text] of flatRu) {
      expect(text.trim(), key).not.toBe('');
    }
    expect(flatRu.get('session.signIn')).not.toBe(flatEn.get('session.signIn'));
  });
});

describe('i18n instance', () => {
  it('picks Russian plural forms by count', () => {
    const i18n = createI18n('ru');
    expect(i18n.t('inbox.count', { count: 1 })).toBe('1 открытое обращение');
    expect(i18n.t('inbox.count', { count: 3 })).toBe('3 открытых обращения');
    expect(i18n.t('inbox.count', { count: 5 })).toBe('5 открытых обращений');
    expect(i18n.t('inbox.count', { count: 21 })).toBe('21 открытое обращение');
    expect(i18n.t('connection.pending', { count: 2 })).toBe('2 ожидают отправки');
  });

  it('speaks English with the accessible names the end-to-end tests use', () => {
    const i18n = createI18n('en');
    expect(i18n.t('inbox.count', { count: 1 })).toBe('1 open');
    expect(i18n.t('inbox.count', { count: 2 })).toBe('2 open');
    const names = ['session.hubUrl', 'session.login', 'session.password', 'session.signIn', 'session.signOut'];
    expect(names.map((k) => i18n.t(k))).toEqual(['Hub address', 'Login', 'Password', 'Sign in', 'Sign out']);
    expect(i18n.t('inbox.title')).toBe('Queue');
    expect(i18n.t('conversation.messages')).toBe('Messages');
    expect(i18n.t('composer.label')).toBe('Reply');
    expect(i18n.t('composer.send')).toBe('Send');
    expect([i18n.t('agentStatus.label'), i18n.t('agentStatus.ready'), i18n.t('agentStatus.not_ready')]).toEqual([
      'Status',
      'Ready',
      'Not ready',
    ]);
    expect(i18n.t('connection.offlineSince', { time: '14:05' })).toBe('Offline since 14:05');
    expect(i18n.t('settings.open')).toBe('Settings');
  });

  it('switches language at run time', async () => {
    const i18n = createI18n('en');
    await i18n.changeLanguage('ru');
    expect(i18n.t('session.signIn')).toBe('Войти');
  });

  it('guesses the first language from the browser preference', () => {
    expect(guessLanguage(['ru-RU', 'en-US'])).toBe('ru');
    expect(guessLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(guessLanguage(['de'])).toBe('en');
  });
});

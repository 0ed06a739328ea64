/** Team settings → Ratings, the pure part: what is typed is checked before it goes to the hub. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CSAT_SETTINGS } from '../../src/shared/csat/csat.js';
import { draftOf, settingsOf, toggled } from '../../src/renderer/features/csat/ratingsForm.js';

const LINE = '0190a0b0-1111-7000-8000-000000000001';

describe('ratings settings form', () => {
  it('turns a good draft into settings: whole hours, the link without a trailing slash, none when empty', () => {
    const draft = { ...draftOf(DEFAULT_CSAT_SETTINGS), lineIds: [LINE], channels: ['telegram' as const] };
    expect(settingsOf({ ...draft, validityHours: ' 48 ', linkBase: 'https://support.example.com/' })).toEqual({
      settings: { lineIds: [LINE], channels: ['telegram'], validityHours: 48, linkBase: 'https://support.example.com' },
    });
    expect(settingsOf(draft)).toEqual({
      settings: { lineIds: [LINE], channels: ['telegram'], validityHours: 72, linkBase: null },
    });
  });

  it('names each field that is wrong', () => {
    const draft = draftOf(DEFAULT_CSAT_SETTINGS);
    for (const hours of ['0', '721', '1.5', 'two', '']) {
      expect(settingsOf({ ...draft, validityHours: hours })).toEqual({
        problems: { validityHours: 'csat.settings.problems.validity' },
      });
    }
    expect(settingsOf({ ...draft, linkBase: 'ftp://hub' })).toEqual({
      problems: { linkBase: 'csat.settings.problems.link' },
    });
    expect(settingsOf({ ...draft, linkBase: 'not a url' })).toEqual({
      problems: { linkBase: 'csat.settings.problems.link' },
    });
    // Email asks with a link, so it needs the address the link starts with.
    expect(settingsOf({ ...draft, channels: ['email'] })).toEqual({
      problems: { linkBase: 'csat.settings.problems.linkForEmail' },
    });
  });

  it('toggles a choice in and out once', () => {
    expect(toggled(['vk'], 'email', true)).toEqual(['vk', 'email']);
    expect(toggled(['vk', 'email'], 'email', true)).toEqual(['vk', 'email']);
    expect(toggled(['vk', 'email'], 'vk', false)).toEqual(['email']);
  });
});

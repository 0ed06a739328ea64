/**
 * The i18next instance of the renderer. Created once in main.tsx and handed to React via
 * I18nextProvider; the language itself comes from the core's settings (see LanguageSync).
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract.js';
import { en } from './en.js';
import { ru } from './ru.js';

export const resources = { en: { translation: en }, ru: { translation: ru } } as const;

/** Language names in their own language: they are never translated. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ru: 'Русский' };

/** First guess before the core's settings arrive: the browser's preference. */
export function guessLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ru' || primary === 'en') return primary;
  }
  return 'en';
}

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ru'],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { selectLanguage } from '../features/settings/settingsSlice.js';
import { useAppSelector } from './hooks.js';

/** Follows the language of the core's settings (settings.get / settings.changed). Renders nothing. */
export function LanguageSync() {
  const language = useAppSelector(selectLanguage);
  const { i18n } = useTranslation();
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
  return null;
}

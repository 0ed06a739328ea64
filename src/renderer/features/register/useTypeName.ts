import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedName } from '../../../shared/register/registerSchemas.js';

/** A complaint type's (or field's) name in the app's language, the English one when that is empty. */
export function useTypeName(): (named: { name: LocalizedName } | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === 'ru' ? 'ru' : 'en';
  return useCallback((named) => (named ? named.name[language] || named.name.en : ''), [language]);
}

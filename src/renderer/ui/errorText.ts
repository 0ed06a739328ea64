import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../shared/errors.js';

/**
 * Translates an ErrorInfo for people: the code picks the sentence; a bad_request that names a
 * field the caller knows ("hubUrl" → "Hub address") says which field.
 */
export function useErrorText(): (error: ErrorInfo, fieldLabels?: Readonly<Record<string, string>>) => string {
  const { t } = useTranslation();
  return useCallback(
    (error, fieldLabels) => {
      // The hub may name the sentence that says why (`params.reasonKey`, e.g. a refused close; decision 0032).
      const reasonKey = error.params?.reasonKey;
      const reason = typeof reasonKey === 'string' ? t(reasonKey, { ...error.params, defaultValue: '' }) : '';
      if (reason !== '') return reason;
      if (error.code === 'bad_request' && fieldLabels) {
        const field = error.issues?.map((issue) => fieldLabels[issue.path.split('.')[0] ?? '']).find(Boolean);
        if (field) return t('form.fieldProblem', { field });
      }
      return t(`errors.${error.code}`, error.params ?? {});
    },
    [t],
  );
}

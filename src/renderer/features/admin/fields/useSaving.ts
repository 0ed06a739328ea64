import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { settle } from '../adminThunks.js';

/**
 * An editor form's save state: busy while the hub works, its error, and the "Saved" note (shown
 * from the start when the form remounts for an item just saved).
 */
export function useSaving(justSaved: boolean) {
  const { t } = useTranslation();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(justSaved ? t('admin.saved') : null);
  const [busy, setBusy] = useState(false);

  /** Runs `work`; its value on success (with the note shown), null on failure (with the error kept). */
  async function save<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setSaved(null);
    const result = await settle(work());
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setError(null);
    setSaved(t('admin.saved'));
    return result.value;
  }

  return { error, setError, saved, busy, save };
}

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

  /**
   * Runs `work`; its value on success (with the note shown), null on failure (with the error kept
   * and handed to `onError`, e.g. to put the hub's issues under their fields).
   */
  async function save<T>(work: () => Promise<T>, onError?: (error: ErrorInfo) => void): Promise<T | null> {
    setBusy(true);
    setSaved(null);
    const result = await settle(work());
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      onError?.(result.error);
      return null;
    }
    setError(null);
    setSaved(t('admin.saved'));
    return result.value;
  }

  /** An edit makes the "Saved" note stale. */
  const clearSaved = () => setSaved(null);

  return { error, setError, saved, clearSaved, busy, save };
}

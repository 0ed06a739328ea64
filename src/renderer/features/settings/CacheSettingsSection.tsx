import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CacheStatus } from '../../../shared/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { loadCacheStatus, maintainCache, updateCacheSettings } from './cacheThunks.js';

const MIB = 1024 * 1024;

/**
 * The local cache part of Settings: how long closed conversations stay on this computer, the
 * largest attachment kept, how big the cache is, and a clean-up on demand. It applies on its own
 * (a fieldset with its own button), so the rest of the dialog is untouched by it.
 */
export function CacheSettingsSection() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [status, setStatus] = useState<CacheStatus | null>(null);
  const [retentionDays, setRetentionDays] = useState('');
  const [attachmentMaxMb, setAttachmentMaxMb] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);

  function show(next: CacheStatus): void {
    setStatus(next);
    setRetentionDays(String(next.settings.retentionDays));
    setAttachmentMaxMb(String(next.settings.attachmentMaxMb));
  }

  useEffect(() => {
    void dispatch(loadCacheStatus())
      .unwrap()
      .then(show)
      .catch((e: ErrorInfo) => setError(e));
  }, [dispatch]);

  async function run(action: () => Promise<CacheStatus>): Promise<void> {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      show(await action());
      setSaved(true);
    } catch (e) {
      setError(e as ErrorInfo);
    } finally {
      setBusy(false);
    }
  }

  const size = (bytes: number) =>
    `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(bytes / MIB)} MiB`;
  const last = status?.lastMaintenance ?? null;
  const labels = { retentionDays: t('cache.retentionDays'), attachmentMaxMb: t('cache.attachmentMaxMb') };

  return (
    <fieldset className="field-group" aria-busy={busy || undefined}>
      <legend>{t('cache.title')}</legend>
      <div className="field">
        <label htmlFor={`${id}-days`}>{labels.retentionDays}</label>
        <input
          id={`${id}-days`}
          type="number"
          min={0}
          max={3650}
          inputMode="numeric"
          value={retentionDays}
          aria-describedby={`${id}-days-hint`}
          onChange={(e) => setRetentionDays(e.target.value)}
        />
        <p className="hint" id={`${id}-days-hint`}>
          {t('cache.retentionHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mb`}>{labels.attachmentMaxMb}</label>
        <input
          id={`${id}-mb`}
          type="number"
          min={1}
          max={1024}
          inputMode="numeric"
          value={attachmentMaxMb}
          onChange={(e) => setAttachmentMaxMb(e.target.value)}
        />
      </div>
      {status ? (
        <p className="hint" aria-live="polite">
          {t('cache.usage', {
            count: status.messages,
            database: size(status.databaseBytes),
            attachments: size(status.attachmentBytes),
          })}{' '}
          {last
            ? t('cache.lastRun', {
                at: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(last.at),
                count: last.prunedMessages,
                freed: size(Math.max(0, last.freedBytes)),
              })
            : t('cache.neverRun')}
          {saved ? ` ${t('cache.done')}` : null}
        </p>
      ) : null}
      {status?.freshStart ? (
        <p className="hint" role="status">
          {t('cache.freshStart', {
            at: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(
              status.freshStart.at,
            ),
            file: status.freshStart.setAside,
          })}
        </p>
      ) : null}
      <ErrorMessage error={error} fieldLabels={labels} />
      <div className="dialog-actions">
        <button
          type="button"
          className="button subtle"
          disabled={busy || !status}
          onClick={() =>
            void run(() =>
              dispatch(
                updateCacheSettings({ retentionDays: Number(retentionDays), attachmentMaxMb: Number(attachmentMaxMb) }),
              ).unwrap(),
            )
          }
        >
          {t('cache.apply')}
        </button>
        <button
          type="button"
          className="button subtle"
          disabled={busy || !status}
          onClick={() => void run(() => dispatch(maintainCache()).unwrap())}
        >
          {t('cache.maintain')}
        </button>
      </div>
    </fieldset>
  );
}

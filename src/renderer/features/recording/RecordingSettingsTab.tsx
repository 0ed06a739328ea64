import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { RecordingHealth, RecordingSettings } from '../../../shared/recording/recording.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SavedNote } from '../admin/AdminParts.js';
import { settle } from '../admin/adminThunks.js';
import { TextField } from '../admin/fields/TextField.js';
import { useSaving } from '../admin/fields/useSaving.js';
import { selectAgent } from '../session/sessionSlice.js';
import { loadRecordingHealth, loadRecordingSettings, saveRecordingSettings } from './recordingThunks.js';
import { capText, formatSize, parseCap } from './settingsForm.js';

/** Team settings → Recording: the size cap and whether agents hear their own calls (leads read, admins save). */
export function RecordingSettingsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [settings, setSettings] = useState<RecordingSettings | null>(null);
  const [health, setHealth] = useState<RecordingHealth | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    void (async () => {
      const [s, h] = await Promise.all([
        settle(dispatch(loadRecordingSettings()).unwrap()),
        settle(dispatch(loadRecordingHealth()).unwrap()),
      ]);
      if (!s.ok) return setError(s.error);
      setSettings(s.value);
      if (h.ok) setHealth(h.value);
    })();
  }, [dispatch]);

  if (error) return <ErrorMessage error={error} />;
  if (!settings) return <p role="status">{t('admin.loading')}</p>;
  return <SettingsForm initial={settings} health={health} />;
}

function SettingsForm({ initial, health }: { initial: RecordingSettings; health: RecordingHealth | null }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const admin = useAppSelector(selectAgent)?.role === 'admin';
  const [cap, setCap] = useState(capText(initial.capBytes));
  const [agentsHearOwn, setAgentsHearOwn] = useState(initial.agentsHearOwn);
  const [capProblem, setCapProblem] = useState<string | undefined>(undefined);
  const { error, saved, clearSaved, busy, save } = useSaving(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const capBytes = parseCap(cap);
    if (capBytes === null) return setCapProblem(t('recording.settings.capProblem'));
    setCapProblem(undefined);
    const result = await save(() => dispatch(saveRecordingSettings({ capBytes, agentsHearOwn })).unwrap());
    if (result) {
      setCap(capText(result.capBytes));
      setAgentsHearOwn(result.agentsHearOwn);
    }
  }

  const size = (bytes: number) => formatSize(bytes, i18n.language);
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('recording.settings.title')}>
      <h3>{t('recording.settings.title')}</h3>
      {health ? (
        <p className="hint">
          {t('recording.settings.usage', { used: size(health.usedBytes), cap: size(health.capBytes) })}{' '}
          {health.freeBytes !== null ? t('recording.settings.free', { free: size(health.freeBytes) }) : null}
        </p>
      ) : null}
      <fieldset disabled={!admin} className="admin-checks">
        <legend className="visually-hidden">{t('recording.settings.title')}</legend>
        <TextField
          id={`${id}-cap`}
          label={t('recording.settings.capMb')}
          value={cap}
          onChange={(value) => {
            setCap(value);
            clearSaved();
          }}
          problem={capProblem}
        />
        <label className="admin-check">
          <input
            type="checkbox"
            checked={agentsHearOwn}
            onChange={(e) => {
              setAgentsHearOwn(e.target.checked);
              clearSaved();
            }}
          />
          {t('recording.settings.agentsHearOwn')}
        </label>
      </fieldset>
      {admin ? (
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
            {t('recording.settings.save')}
          </button>
        </div>
      ) : (
        <p className="hint">{t('recording.settings.readOnly')}</p>
      )}
      <ErrorMessage error={error} />
      <SavedNote text={saved} />
    </form>
  );
}

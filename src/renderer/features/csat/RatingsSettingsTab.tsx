import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceLine } from '../../../shared/calls/serviceLine.js';
import { RATED_CHANNELS, type CsatSettings } from '../../../shared/csat/csat.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SavedNote } from '../admin/AdminParts.js';
import { settle } from '../admin/adminThunks.js';
import { TextField } from '../admin/fields/TextField.js';
import { useSaving } from '../admin/fields/useSaving.js';
import { selectAgent } from '../session/sessionSlice.js';
import { loadCsatSettings, loadRatedLines, saveCsatSettings } from './csatThunks.js';
import {
  draftOf,
  settingsOf,
  toggled,
  type RatingsDraft,
  type RatingsProblemKey,
  type RatingsProblems,
} from './ratingsForm.js';

/**
 * Team settings → Ratings (issue 16): which lines offer the rating after a call, which channels get a
 * rating request on close, how long a request is answered and the address the email link starts with.
 * Leads read; admins save.
 */
export function RatingsSettingsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [loaded, setLoaded] = useState<{ settings: CsatSettings; lines: ServiceLine[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    void (async () => {
      const [settings, lines] = await Promise.all([
        settle(dispatch(loadCsatSettings()).unwrap()),
        settle(dispatch(loadRatedLines()).unwrap()),
      ]);
      if (!settings.ok) return setError(settings.error);
      setLoaded({ settings: settings.value, lines: lines.ok ? lines.value.lines : [] });
    })();
  }, [dispatch]);

  if (error) return <ErrorMessage error={error} />;
  if (!loaded) return <p role="status">{t('admin.loading')}</p>;
  return <RatingsForm initial={loaded.settings} lines={loaded.lines} />;
}

function RatingsForm({ initial, lines }: { initial: CsatSettings; lines: ServiceLine[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const admin = useAppSelector(selectAgent)?.role === 'admin';
  const [draft, setDraft] = useState<RatingsDraft>(draftOf(initial));
  const [problems, setProblems] = useState<RatingsProblems>({});
  const { error, saved, clearSaved, busy, save } = useSaving(false);

  const edit = (change: Partial<RatingsDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    clearSaved();
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = settingsOf(draft);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems({});
    const result = await save(() => dispatch(saveCsatSettings(checked.settings)).unwrap());
    if (result) setDraft(draftOf(result));
  }

  const problem = (key?: RatingsProblemKey) => (key ? t(key) : undefined);
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('csat.title')}>
      <h3>{t('csat.title')}</h3>
      <p className="hint">{t('csat.settings.hint')}</p>
      <fieldset disabled={!admin} className="admin-checks">
        <legend>{t('csat.settings.lines')}</legend>
        {lines.length === 0 ? <p className="hint">{t('csat.settings.noLines')}</p> : null}
        {lines.map((line) => (
          <label key={line.id} className="admin-check">
            <input
              type="checkbox"
              checked={draft.lineIds.includes(line.id)}
              onChange={(e) => edit({ lineIds: toggled(draft.lineIds, line.id, e.target.checked) })}
            />
            {t('csat.settings.line', { number: line.number, name: line.name })}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!admin} className="admin-checks">
        <legend>{t('csat.settings.channels')}</legend>
        {RATED_CHANNELS.map((channel) => (
          <label key={channel} className="admin-check">
            <input
              type="checkbox"
              checked={draft.channels.includes(channel)}
              onChange={(e) => edit({ channels: toggled(draft.channels, channel, e.target.checked) })}
            />
            {t(`csat.settings.channel.${channel}`)}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!admin} className="admin-checks">
        <legend className="visually-hidden">{t('csat.settings.request')}</legend>
        <TextField
          id={`${id}-hours`}
          label={t('csat.settings.validityHours')}
          value={draft.validityHours}
          onChange={(value) => edit({ validityHours: value })}
          problem={problem(problems.validityHours)}
        />
        <TextField
          id={`${id}-link`}
          label={t('csat.settings.linkBase')}
          hint={t('csat.settings.linkBaseHint')}
          value={draft.linkBase}
          onChange={(value) => edit({ linkBase: value })}
          problem={problem(problems.linkBase)}
        />
      </fieldset>
      {admin ? (
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
            {t('csat.settings.save')}
          </button>
        </div>
      ) : (
        <p className="hint">{t('csat.settings.readOnly')}</p>
      )}
      <ErrorMessage error={error} />
      <SavedNote text={saved} />
    </form>
  );
}

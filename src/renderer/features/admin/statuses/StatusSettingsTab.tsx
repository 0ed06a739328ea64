import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { loadAgentStatusSettings } from '../../agentStatus/agentStatusSlice.js';
import { SavedNote } from '../AdminParts.js';
import { loadStatusSettings, saveStatusSettings, settle } from '../adminThunks.js';
import { useSaving } from '../fields/useSaving.js';
import {
  addReason,
  checkStatusDraft,
  draftOf,
  hubProblems,
  removeReason,
  renameReason,
  type StatusDraft,
  type StatusProblem,
  type StatusProblems,
} from './statusSettingsForm.js';

/** The not-ready reasons agents pick from and the length of after-call work (hub routing settings). */
export function StatusSettingsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [draft, setDraft] = useState<StatusDraft | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [problems, setProblems] = useState<StatusProblems>({ reasons: {} });
  const { error, setError, saved, clearSaved, busy, save } = useSaving(false);

  useEffect(() => {
    void settle(dispatch(loadStatusSettings()).unwrap()).then((result) => {
      if (result.ok) setDraft(draftOf(result.value));
      else setLoadError(result.error);
    });
  }, [dispatch]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!draft) return <p role="status">{t('admin.loading')}</p>;

  const edit = (next: StatusDraft) => {
    setDraft(next);
    clearSaved();
  };
  const say = (problem: StatusProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    if (problem.key === 'hub') return problem.message;
    return t(`admin.statuses.error.${problem.key}`, problem);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    clearSaved();
    setError(null);
    const checked = checkStatusDraft(draft);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({ reasons: {} });
    const settings = await save(
      () => dispatch(saveStatusSettings(checked.settings)).unwrap(),
      (hubError) => setProblems(hubProblems(hubError)),
    );
    if (!settings) return;
    setDraft(draftOf(settings));
    // The lead's own status picker shows the new reasons at once.
    void dispatch(loadAgentStatusSettings());
  }

  const listProblem = say(problems.list);
  const acwProblem = say(problems.acw);
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.tabs.statuses')}>
      <fieldset className="admin-reasons" aria-describedby={`${id}-reasons-hint ${id}-reasons-problem`}>
        <legend>{t('admin.statuses.reasons')}</legend>
        <p className="hint" id={`${id}-reasons-hint`}>
          {t('admin.statuses.reasonsHint')}
        </p>
        <ol>
          {draft.reasons.map((reason, index) => {
            const problem = say(problems.reasons[index]);
            const number = index + 1;
            return (
              <li key={index} className="field">
                <label htmlFor={`${id}-reason-${index}`}>{t('admin.statuses.reasonLabel', { number })}</label>
                <input
                  id={`${id}-reason-${index}`}
                  value={reason}
                  onChange={(e) => edit(renameReason(draft, index, e.target.value))}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-reason-${index}-problem` : undefined}
                />
                <button
                  type="button"
                  className="button"
                  aria-label={t('admin.statuses.removeReason', { number })}
                  onClick={() => {
                    edit(removeReason(draft, index));
                    setProblems({ reasons: {} });
                  }}
                >
                  {t('admin.statuses.remove')}
                </button>
                {problem ? (
                  <p className="field-error" id={`${id}-reason-${index}-problem`} role="alert">
                    {problem}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button type="button" className="button" onClick={() => edit(addReason(draft))}>
          {t('admin.statuses.addReason')}
        </button>
        {listProblem ? (
          <p className="field-error" id={`${id}-reasons-problem`} role="alert">
            {listProblem}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-acw`}>{t('admin.statuses.acw')}</label>
        <input
          id={`${id}-acw`}
          type="number"
          inputMode="numeric"
          min={0}
          max={3600}
          step={1}
          value={draft.acw}
          onChange={(e) => edit({ ...draft, acw: e.target.value })}
          aria-invalid={acwProblem ? true : undefined}
          aria-describedby={`${id}-acw-hint${acwProblem ? ` ${id}-acw-problem` : ''}`}
        />
        <p className="hint" id={`${id}-acw-hint`}>
          {t('admin.statuses.acwHint')}
        </p>
        {acwProblem ? (
          <p className="field-error" id={`${id}-acw-problem`} role="alert">
            {acwProblem}
          </p>
        ) : null}
      </div>
      {error && !error.issues ? <ErrorMessage error={error} /> : null}
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.save')}
        </button>
        <SavedNote text={saved} />
      </div>
    </form>
  );
}

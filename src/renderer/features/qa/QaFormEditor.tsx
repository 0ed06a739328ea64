import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import { QA_SCALE_MAX, type QaForm } from '../../../shared/qa/qaForm.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { useQaAction } from './qaData.js';
import {
  draftWeightSum,
  inputOf,
  newCriterion,
  weightsAddUp,
  type CriterionDraft,
  type FormDraft,
} from './qaFormModel.js';

/** One scoring form's name and criteria; refuses to send weights that do not add up to 100. */
export function QaFormEditor({
  initial,
  nextVersion,
  onSaved,
}: {
  initial: FormDraft;
  /** Set when scores use the form: saving makes this version. */
  nextVersion: number | null;
  onSaved: (form: QaForm) => void;
}) {
  const { t } = useTranslation();
  const run = useQaAction();
  const titleId = useId();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [weightsWrong, setWeightsWrong] = useState(false);
  const [saved, setSaved] = useState(false);
  const sum = draftWeightSum(draft);

  const change = (next: FormDraft) => {
    setDraft(next);
    setSaved(false);
    setWeightsWrong(false);
  };
  const setCriterion = (index: number, patch: Partial<CriterionDraft>) =>
    change({ ...draft, criteria: draft.criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!weightsAddUp(draft)) {
      setWeightsWrong(true);
      return;
    }
    const result = await run('qa.saveForm', inputOf(draft));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDraft({ ...draft, formId: result.value.id });
    setSaved(true);
    onSaved(result.value);
  };

  return (
    <form className="qa-form-editor" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>{t('qa.forms.editor')}</h3>
      <label>
        {t('qa.forms.name')}
        <input
          value={draft.name}
          required
          maxLength={120}
          onChange={(e) => change({ ...draft, name: e.target.value })}
        />
      </label>
      {draft.criteria.map((c, i) => (
        <fieldset key={c.id} className="qa-criterion">
          <legend>{t('qa.forms.criterion', { n: i + 1 })}</legend>
          <label>
            {t('qa.forms.label')}
            <input
              value={c.label}
              required
              maxLength={200}
              onChange={(e) => setCriterion(i, { label: e.target.value })}
            />
          </label>
          <label>
            {t('qa.forms.kindLabel')}
            <select
              value={c.kind}
              onChange={(e) => setCriterion(i, { kind: e.target.value === 'scale' ? 'scale' : 'yes_no' })}
            >
              <option value="yes_no">{t('qa.kind.yes_no')}</option>
              <option value="scale">{t('qa.kind.scale')}</option>
            </select>
          </label>
          {c.kind === 'scale' ? (
            <label>
              {t('qa.forms.scaleMax')}
              <input
                type="number"
                min={2}
                max={QA_SCALE_MAX}
                required
                value={c.scaleMax}
                onChange={(e) => setCriterion(i, { scaleMax: e.target.value })}
              />
            </label>
          ) : null}
          <label>
            {t('qa.forms.weight')}
            <input
              type="number"
              min={1}
              max={100}
              required
              value={c.weight}
              onChange={(e) => setCriterion(i, { weight: e.target.value })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={c.critical}
              onChange={(e) => setCriterion(i, { critical: e.target.checked })}
            />
            {t('qa.forms.critical')}
          </label>
          {draft.criteria.length > 1 ? (
            <button
              type="button"
              className="button subtle"
              onClick={() => change({ ...draft, criteria: draft.criteria.filter((_, j) => j !== i) })}
            >
              {t('qa.forms.remove', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button
        type="button"
        className="button subtle"
        onClick={() => change({ ...draft, criteria: [...draft.criteria, newCriterion(uuidv7())] })}
      >
        {t('qa.forms.add')}
      </button>
      <p className="qa-muted">{t('qa.forms.weights', { sum })}</p>
      {weightsWrong ? (
        <p className="error" role="alert">
          {t('qa.forms.weightsWrong', { sum })}
        </p>
      ) : null}
      {nextVersion !== null ? (
        <p className="qa-muted">{t('qa.forms.newVersionNote', { version: nextVersion })}</p>
      ) : null}
      <ErrorMessage error={error} fieldLabels={{ name: t('qa.forms.name'), criteria: t('qa.forms.label') }} />
      <button type="submit" className="button">
        {t('qa.forms.save')}
      </button>
      {saved ? <p role="status">{t('qa.saved')}</p> : null}
    </form>
  );
}

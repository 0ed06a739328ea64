import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { QaForm } from '../../../shared/qa/qaForm.js';
import { scoreAnswers } from '../../../shared/qa/qaScoring.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { useQaAction } from './qaData.js';
import { totalText } from './ScoreLine.js';

/** A lead scores one conversation: a form, an answer per criterion, a comment; the total previewed. */
export function ScoreForm({
  threadId,
  forms,
  onSaved,
  onCancel,
}: {
  threadId: string;
  forms: QaForm[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const run = useQaAction();
  const titleId = useId();
  const active = forms.filter((f) => !f.retired);
  const [formId, setFormId] = useState(active.length === 1 ? active[0]!.id : '');
  const [values, setValues] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  // One id per attempt, so a retried save after a lost answer is applied once.
  const [scoreId] = useState(() => uuidv7());
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [unanswered, setUnanswered] = useState(false);
  const form = active.find((f) => f.id === formId) ?? null;
  const answers = useMemo(
    () =>
      form
        ? form.criteria.flatMap((c) =>
            values[c.id] === undefined ? [] : [{ criterionId: c.id, value: values[c.id]! }],
          )
        : [],
    [form, values],
  );
  const preview = form && answers.length === form.criteria.length ? scoreAnswers(form.criteria, answers) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    if (!preview?.ok) {
      setUnanswered(true);
      return;
    }
    const result = await run('qa.score', { threadId, id: scoreId, formId: form.id, answers, comment });
    if (result.ok) onSaved();
    else setError(result.error);
  };

  if (active.length === 0) return <p>{t('qa.score.noForms')}</p>;
  return (
    <form className="qa-score-form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h4 id={titleId}>{t('qa.score.start')}</h4>
      <label>
        {t('qa.score.form')}{' '}
        <select
          value={formId}
          onChange={(e) => {
            setFormId(e.target.value);
            setValues({});
          }}
        >
          <option value="">{t('qa.score.choose')}</option>
          {active.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {form?.criteria.map((c) => {
        const points = c.kind === 'yes_no' ? [1, 0] : Array.from({ length: c.scaleMax ?? 2 }, (_, i) => i + 1);
        return (
          <fieldset key={c.id} className="qa-answer">
            <legend>{c.label}</legend>
            {points.map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name={`qa-${c.id}`}
                  checked={values[c.id] === p}
                  onChange={() => {
                    setValues((v) => ({ ...v, [c.id]: p }));
                    setUnanswered(false);
                  }}
                />
                {c.kind === 'yes_no' ? (p === 1 ? t('qa.yes') : t('qa.no')) : p}
              </label>
            ))}
          </fieldset>
        );
      })}
      {form ? (
        <label>
          {t('qa.score.comment')}
          <textarea value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} />
        </label>
      ) : null}
      {preview?.ok ? (
        <p role="status">
          {t('qa.total', { total: totalText(preview.scored.total) })}
          {preview.scored.criticalFailed ? ` — ${t('qa.criticalFailed')}` : ''}
        </p>
      ) : null}
      {unanswered ? (
        <p className="error" role="alert">
          {t('qa.score.unanswered')}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <div className="qa-actions">
        <button type="submit" className="button" disabled={!form}>
          {t('qa.score.save')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('qa.score.cancel')}
        </button>
      </div>
    </form>
  );
}

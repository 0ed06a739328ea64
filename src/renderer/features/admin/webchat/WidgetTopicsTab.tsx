import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { loadWidgetTopics, saveWidgetTopics, settle } from '../adminThunks.js';
import { useSaving } from '../fields/useSaving.js';
import { TextField } from '../fields/TextField.js';
import {
  addTopic,
  checkTopicsDraft,
  draftOf,
  editTopic,
  hubProblems,
  moveTopic,
  noProblems,
  removeTopic,
  type TopicDraft,
  type TopicField,
  type TopicProblem,
  type TopicProblems,
} from './widgetTopicsForm.js';
import { TopicIdOptions } from '../../topics/TopicIdOptions.js';

/** The web-chat widget's start menu: topics with a button label and an optional answer in each language. */
export function WidgetTopicsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [draft, setDraft] = useState<TopicDraft[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [problems, setProblems] = useState<TopicProblems>(noProblems);
  const { error, setError, saved, clearSaved, busy, save } = useSaving(false);

  useEffect(() => {
    void settle(dispatch(loadWidgetTopics()).unwrap()).then((result) => {
      if (result.ok) setDraft(draftOf(result.value.topics));
      else setLoadError(result.error);
    });
  }, [dispatch]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!draft) return <p role="status">{t('admin.loading')}</p>;

  const edit = (next: TopicDraft[], clearProblems = false) => {
    setDraft(next);
    clearSaved();
    if (clearProblems) setProblems(noProblems());
  };
  const say = (problem: TopicProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    if (problem.key === 'hub') return problem.message;
    return t(`admin.webchat.error.${problem.key}`, problem);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    clearSaved();
    setError(null);
    const checked = checkTopicsDraft(draft);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems(noProblems());
    const menu = await save(
      () => dispatch(saveWidgetTopics({ topics: checked.topics })).unwrap(),
      (hubError) => setProblems(hubProblems(hubError)),
    );
    if (menu) setDraft(draftOf(menu.topics));
  }

  const listProblem = say(problems.list);
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.tabs.webchat')}>
      <fieldset className="admin-topics" aria-describedby={`${id}-hint ${id}-problem`}>
        <legend>{t('admin.webchat.topics')}</legend>
        <p className="hint" id={`${id}-hint`}>
          {t('admin.webchat.topicsHint')} {t('admin.webchat.idHint')} {t('admin.webchat.answerHint')}
        </p>
        {draft.length === 0 ? <p>{t('admin.webchat.none')}</p> : null}
        {/* The routing topic is one of the topic tree's (decision 0032). */}
        <TopicIdOptions id={`${id}-tree`} />
        <ol>
          {draft.map((topic, index) => {
            const number = index + 1;
            const at = problems.topics[index] ?? {};
            const fieldId = (field: TopicField) => `${id}-${index}-${field}`;
            const text = (field: 'id' | 'titleEn' | 'titleRu') => (
              <TextField
                id={fieldId(field)}
                label={t(`admin.webchat.${field}`)}
                value={topic[field]}
                onChange={(value) => edit(editTopic(draft, index, field, value))}
                problem={say(at[field])}
                {...(field === 'id' ? { list: `${id}-tree` } : {})}
              />
            );
            const answer = (field: 'answerEn' | 'answerRu') => {
              const problem = say(at[field]);
              return (
                <div className="field">
                  <label htmlFor={fieldId(field)}>{t(`admin.webchat.${field}`)}</label>
                  <textarea
                    id={fieldId(field)}
                    rows={3}
                    value={topic[field]}
                    onChange={(e) => edit(editTopic(draft, index, field, e.target.value))}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={`${fieldId(field)}-problem`}
                  />
                  <FieldProblems id={`${fieldId(field)}-problem`} message={problem} />
                </div>
              );
            };
            return (
              <li key={index}>
                <fieldset>
                  <legend>{t('admin.webchat.topicLegend', { number })}</legend>
                  {text('id')}
                  {text('titleEn')}
                  {text('titleRu')}
                  {answer('answerEn')}
                  {answer('answerRu')}
                  <div className="admin-topic-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={index === 0}
                      aria-label={t('admin.webchat.moveUp', { number })}
                      onClick={() => edit(moveTopic(draft, index, -1), true)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={index === draft.length - 1}
                      aria-label={t('admin.webchat.moveDown', { number })}
                      onClick={() => edit(moveTopic(draft, index, 1), true)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button subtle"
                      onClick={() => edit(removeTopic(draft, index), true)}
                    >
                      {t('admin.webchat.remove', { number })}
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="button" className="button" onClick={() => edit(addTopic(draft))}>
          {t('admin.webchat.addTopic')}
        </button>
        <FieldProblems id={`${id}-problem`} message={listProblem} />
      </fieldset>
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

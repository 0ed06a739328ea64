import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from '../../../shared/ids.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { QaFormEditor } from './QaFormEditor.js';
import { draftOf, newDraft, type FormDraft } from './qaFormModel.js';
import { useQaAction, useQaData } from './qaData.js';
import './qa.css';

/** Team settings → Scoring forms: the forms (retired ones last), a new one, edit, retire (decision 0042). */
export function QaFormsTab() {
  const { t } = useTranslation();
  const forms = useQaData('qa.forms', {});
  const run = useQaAction();
  const [draft, setDraft] = useState<{ draft: FormDraft; used: number; version: number } | null>(null);
  // A new editor for another form; a saved form stays in the same one (its "Saved." stays shown).
  const [editorKey, setEditorKey] = useState(0);
  const open = (next: { draft: FormDraft; used: number; version: number }) => {
    setDraft(next);
    setEditorKey((k) => k + 1);
  };
  const list = forms.data?.forms ?? [];
  return (
    <div className="qa-forms">
      <ErrorMessage error={forms.error} />
      <nav aria-label={t('qa.forms.list')}>
        {forms.data && list.length === 0 ? <p>{t('qa.forms.none')}</p> : null}
        <ul className="qa-form-list">
          {list.map((form) => (
            <li key={form.id}>
              <button
                type="button"
                className="button subtle"
                aria-current={draft?.draft.formId === form.id ? 'true' : undefined}
                onClick={() => open({ draft: draftOf(form), used: form.scores, version: form.version })}
              >
                {form.name}
              </button>{' '}
              <span className="qa-muted">
                {t('qa.forms.version', { version: form.version })} · {t('qa.forms.usedBy', { count: form.scores })}
                {form.retired ? ` · ${t('qa.forms.retiredTag')}` : ''}
              </span>{' '}
              <button
                type="button"
                className="button subtle"
                onClick={() =>
                  void run('qa.retireForm', { formId: form.id, retired: !form.retired }).then(() => forms.reload())
                }
              >
                {form.retired ? t('qa.forms.restore') : t('qa.forms.retire')}
                <span className="visually-hidden">: {form.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button"
          onClick={() => open({ draft: newDraft(uuidv7()), used: 0, version: 1 })}
        >
          {t('qa.forms.new')}
        </button>
      </nav>
      <p className="qa-muted">{t('qa.forms.formula')}</p>
      {draft ? (
        <QaFormEditor
          key={editorKey}
          initial={draft.draft}
          nextVersion={draft.used > 0 ? draft.version + 1 : null}
          onSaved={(form) => {
            forms.reload();
            setDraft({ draft: draftOf(form), used: form.scores, version: form.version });
          }}
        />
      ) : null}
    </div>
  );
}

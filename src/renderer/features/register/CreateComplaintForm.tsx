import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { AssigneeSelect } from './AssigneeSelect.js';
import { FieldInputs } from './FieldInputs.js';
import { useRegisterAction, useRegisterData } from './registerData.js';
import {
  assigneeChange,
  hubProblems,
  pickableTypes,
  SUBJECT_MAX,
  typedFields,
  type FieldDrafts,
} from './registerModel.js';
import { complaintCreated, type CreateContext } from './registerSlice.js';
import { useTypeName } from './useTypeName.js';

/**
 * A new complaint in a few keystrokes: the type list has the focus (arrows pick), the subject is
 * prefilled, the type's fields follow (required ones marked), Enter registers. Linked to the
 * conversation and its customer, or to the card's customer. Nothing typed is lost when the hub refuses.
 */
export function CreateComplaintForm({ context }: { context: CreateContext }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const run = useRegisterAction();
  const typeName = useTypeName();
  const id = useId();
  const types = useRegisterData('register.types', {});
  const pickable = pickableTypes(types.data?.types ?? []);
  const [typeId, setTypeId] = useState('');
  const [subject, setSubject] = useState(context.subject);
  const [drafts, setDrafts] = useState<FieldDrafts>({});
  const [assignee, setAssignee] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const type = pickable.find((candidate) => candidate.id === typeId) ?? pickable[0] ?? null;

  useEffect(() => {
    if (!typeId && pickable[0]) setTypeId(pickable[0].id);
  }, [typeId, pickable]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!type || busy) return;
    const typed = typedFields(type.fields, drafts);
    const found: Record<string, string> = { ...typed.problems };
    if (subject.trim() === '') found.subject = 'missing';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await run('register.create', {
      typeId: type.id,
      threadId: context.threadId,
      customerId: context.threadId ? null : context.customerId,
      subject: subject.trim(),
      fields: typed.values,
      ...(assignee ? assigneeChange(assignee) : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setProblems(hubProblems(result.error));
      return;
    }
    const complaint = result.value;
    dispatch(
      complaintCreated({
        id: complaint.id,
        number: complaint.number,
        threadId: context.threadId,
        customerId: complaint.customerId,
      }),
    );
  }

  /** Enter registers from any input or the type list (a textarea keeps Enter for new lines). */
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
    event.preventDefault();
    void submit();
  }

  if (types.error) return <ErrorMessage error={types.error} />;
  if (!types.data) return <p role="status">{t('register.loading')}</p>;
  if (pickable.length === 0) return <p className="hint">{t('register.create.noTypes')}</p>;

  return (
    <form
      className="register-create"
      aria-label={t('register.create.title')}
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <p className="hint">{context.threadId ? t('register.create.fromConversation') : t('register.create.fromCard')}</p>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('register.create.type')}</label>
        <select
          id={`${id}-type`}
          size={Math.max(2, Math.min(pickable.length, 6))}
          value={type?.id ?? ''}
          // The type list has the focus when the form opens: arrows pick, Enter registers.
          autoFocus
          onChange={(e) => setTypeId(e.target.value)}
        >
          {pickable.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {typeName(candidate)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('register.create.subject')}</label>
        <input
          id={`${id}-subject`}
          value={subject}
          maxLength={SUBJECT_MAX}
          aria-invalid={problems.subject ? true : undefined}
          aria-describedby={`${id}-subject-problem`}
          onChange={(e) => setSubject(e.target.value)}
        />
        <p className="field-error" id={`${id}-subject-problem`} role={problems.subject ? 'alert' : undefined}>
          {problems.subject ? t('register.field.problem.missing') : ''}
        </p>
      </div>
      {type ? (
        <FieldInputs
          idPrefix={`${id}-f`}
          fields={type.fields}
          drafts={drafts}
          problems={problems}
          onChange={setDrafts}
        />
      ) : null}
      <AssigneeSelect
        id={`${id}-assignee`}
        label={t('register.create.assignee')}
        emptyLabel={t('register.create.assigneeDefault')}
        value={assignee}
        onChange={setAssignee}
      />
      <ErrorMessage error={error} fieldLabels={{ subject: t('register.create.subject') }} />
      <div className="dialog-actions">
        <span className="hint">{t('register.create.keys')}</span>
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('register.create.save')}
        </button>
      </div>
    </form>
  );
}

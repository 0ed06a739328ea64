import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import {
  REGISTER_FILE_MAX_BYTES,
  type Complaint,
  type ComplaintStatus,
  type ComplaintType,
} from '../../../shared/register/registerSchemas.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatFullTime } from '../../i18n/format.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { selectAgent } from '../session/sessionSlice.js';
import { downloadBlob } from '../stats/statsDownload.js';
import { AssigneeSelect } from './AssigneeSelect.js';
import { ComplaintHistory } from './ComplaintHistory.js';
import { DeadlineBadge } from './DeadlineBadge.js';
import { FieldInputs } from './FieldInputs.js';
import { settleRegister, useRegisterAction, useRegisterData } from './registerData.js';
import {
  assigneeChange,
  assigneeValue,
  base64Of,
  blobOf,
  changedFields,
  changedParts,
  conflictOf,
  draftsOf,
  fileRefusal,
  hubProblems,
  mimeOf,
  statusMoves,
  typedFields,
  type FieldDrafts,
  type FileRefusal,
} from './registerModel.js';
import { useTypeName } from './useTypeName.js';

/**
 * One complaint: its facts and deadline, the status moves the workflow allows, the subject, fields and
 * assignee (saved on the version read: someone else's change in between is named and what was typed
 * stays), comments, files, letters to the customer as PDF or DOCX, and the history of every change.
 */
export function ComplaintDetail({ complaintId, onBack }: { complaintId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const detail = useRegisterData('register.get', { id: complaintId });
  const types = useRegisterData('register.types', {});

  if (!detail.data) {
    return (
      <div className="register-detail">
        <BackButton onBack={onBack} />
        {detail.error ? <ErrorMessage error={detail.error} /> : <p role="status">{t('register.loading')}</p>}
      </div>
    );
  }
  const { complaint, events } = detail.data;
  const type = types.data?.types.find((candidate) => candidate.id === complaint.typeId) ?? null;
  return (
    <div className="register-detail">
      <BackButton onBack={onBack} />
      <ComplaintFacts complaint={complaint} type={type} />
      <ErrorMessage error={detail.error} />
      <div className="register-detail-columns">
        <div className="register-detail-column">
          <StatusMoves complaint={complaint} type={type} onConflict={detail.reload} />
          <ComplaintEdit complaint={complaint} type={type} onConflict={detail.reload} />
          <LetterDownload complaintId={complaint.id} />
        </div>
        <div className="register-detail-column">
          <CommentForm complaintId={complaint.id} />
          <ComplaintFiles complaint={complaint} />
          <ComplaintHistory events={events} type={type} />
        </div>
      </div>
    </div>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button subtle register-back" onClick={onBack}>
      {t('register.detail.back')}
    </button>
  );
}

function ComplaintFacts({ complaint, type }: { complaint: Complaint; type: ComplaintType | null }) {
  const { t, i18n } = useTranslation();
  const typeName = useTypeName();
  const at = (ms: number) => formatFullTime(ms, i18n.language);
  return (
    <section className="register-facts" aria-label={t('register.detail.facts')}>
      <h3>
        {t('register.detail.title', { type: typeName(type), number: complaint.number })}{' '}
        <span className={`tag register-status register-status-${complaint.status}`}>
          {t(`register.status.${complaint.status}`)}
        </span>{' '}
        <DeadlineBadge complaint={complaint} />
      </h3>
      <dl className="register-facts-list">
        <dt>{t('register.detail.customer')}</dt>
        <dd>{complaint.customerName ?? t('register.detail.noCustomer')}</dd>
        <dt>{t('register.detail.channel')}</dt>
        <dd>{complaint.originChannel ? t(`channel.${complaint.originChannel}`) : t('register.detail.noChannel')}</dd>
        <dt>{t('register.detail.registered')}</dt>
        <dd>
          {t('register.detail.registeredBy', {
            at: at(complaint.createdAt),
            name: complaint.createdByName ?? t('register.history.system'),
          })}
        </dd>
        <dt>{t('register.detail.deadline')}</dt>
        <dd>
          <time dateTime={new Date(complaint.deadlineAt).toISOString()}>{at(complaint.deadlineAt)}</time>
        </dd>
        <dt>{t('register.detail.assignee')}</dt>
        <dd>{complaint.assigneeAgentName ?? complaint.assigneeGroupName ?? t('register.detail.nobody')}</dd>
        <dt>{t('register.detail.contacts')}</dt>
        <dd>{t('register.detail.contactCount', { count: complaint.threadIds.length })}</dd>
      </dl>
    </section>
  );
}

/** The moves the workflow allows from the complaint's status, each one button; a refusal or a conflict is said. */
function StatusMoves({
  complaint,
  type,
  onConflict,
}: {
  complaint: Complaint;
  type: ComplaintType | null;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const run = useRegisterAction();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  async function move(status: ComplaintStatus) {
    setBusy(true);
    const result = await run('register.update', { id: complaint.id, baseVersion: complaint.version, status });
    setBusy(false);
    if (result.ok) return setError(null);
    setError(result.error);
    if (result.error.code === 'conflict') onConflict();
  }

  const reopen = (status: ComplaintStatus) =>
    status === 'in_progress' && (complaint.status === 'resolved' || complaint.status === 'closed');
  return (
    <section className="register-moves" aria-label={t('register.detail.moves')}>
      <h4>{t('register.detail.moves')}</h4>
      <div className="register-move-buttons">
        {statusMoves(complaint.status).map((status) => (
          <button key={status} type="button" className="button" disabled={busy} onClick={() => void move(status)}>
            {reopen(status)
              ? t('register.detail.reopen')
              : t('register.detail.moveTo', { status: t(`register.status.${status}`) })}
          </button>
        ))}
      </div>
      <ConflictOrError error={error} type={type} />
    </section>
  );
}

/** A 409 names who changed the complaint first, what and when; any other error as usual. */
function ConflictOrError({
  error,
  kept,
  type,
}: {
  error: ErrorInfo | null;
  kept?: boolean;
  type: ComplaintType | null;
}) {
  const { t, i18n } = useTranslation();
  const conflict = conflictOf(error);
  if (!conflict) return <ErrorMessage error={error} />;
  const language = i18n.language === 'ru' ? 'ru' : 'en';
  const changed = changedParts(conflict.changed)
    .map((part) => {
      if (part.kind === 'other') return part.text;
      if (part.kind !== 'field') return t(`register.changed.${part.kind}`);
      const field = type?.fields.find((candidate) => candidate.id === part.field);
      return field ? field.label[language] || field.label.en : part.field;
    })
    .join(', ');
  return (
    <p className="error" role="alert" title={error?.message}>
      {t('register.detail.conflict', {
        by: conflict.by || t('register.detail.someone'),
        changed: changed || '—',
        at: conflict.at === null ? '—' : formatFullTime(conflict.at, i18n.language),
      })}{' '}
      {kept ? t('register.detail.conflictKept') : t('register.detail.conflictReloaded')}
    </p>
  );
}

/** Subject, fields and assignee, saved together on the version read. */
function ComplaintEdit({
  complaint,
  type,
  onConflict,
}: {
  complaint: Complaint;
  type: ComplaintType | null;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const run = useRegisterAction();
  const me = useAppSelector(selectAgent);
  const id = useId();
  const [subject, setSubject] = useState(complaint.subject);
  const [drafts, setDrafts] = useState<FieldDrafts>(() => draftsOf(type, complaint.fields));
  const [draftsFor, setDraftsFor] = useState(type?.id ?? null);
  const [assignee, setAssignee] = useState(assigneeValue(complaint));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  // The types arrive after the complaint: fill the fields once they are known.
  if (type && draftsFor !== type.id) {
    setDraftsFor(type.id);
    setDrafts(draftsOf(type, complaint.fields));
  }

  const fields = type?.fields ?? [];
  async function submit(event: FormEvent) {
    event.preventDefault();
    const typed = typedFields(fields, drafts);
    setProblems(typed.problems);
    if (Object.keys(typed.problems).length > 0) return;
    const changed = changedFields(complaint.fields, typed.values, fields);
    const assigneeNow = assigneeValue(complaint);
    setBusy(true);
    setSaved(false);
    const result = await run('register.update', {
      id: complaint.id,
      baseVersion: complaint.version,
      ...(subject.trim() !== complaint.subject ? { subject: subject.trim() } : {}),
      ...(Object.keys(changed).length > 0 ? { fields: changed } : {}),
      ...(assignee !== assigneeNow ? assigneeChange(assignee) : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setProblems(hubProblems(result.error));
      // Read their version (the next save is made on it); what was typed here stays as typed.
      if (result.error.code === 'conflict') onConflict();
      return;
    }
    setError(null);
    setSaved(true);
    setSubject(result.value.subject);
    setDrafts(draftsOf(type, result.value.fields));
    setAssignee(assigneeValue(result.value));
  }

  const extra = [
    ...(me && !complaint.assigneeAgentId
      ? [{ value: `agent:${me.id}`, label: t('register.detail.me', { name: me.name }) }]
      : []),
    ...(complaint.assigneeAgentId && complaint.assigneeAgentName
      ? [{ value: `agent:${complaint.assigneeAgentId}`, label: complaint.assigneeAgentName }]
      : []),
  ];
  return (
    <form className="register-edit" aria-label={t('register.detail.edit')} onSubmit={(e) => void submit(e)} noValidate>
      <h4>{t('register.detail.edit')}</h4>
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('register.create.subject')}</label>
        <input
          id={`${id}-subject`}
          value={subject}
          onChange={(e) => {
            setSubject(e.target.value);
            setSaved(false);
          }}
        />
      </div>
      <FieldInputs
        idPrefix={`${id}-f`}
        fields={fields}
        drafts={drafts}
        problems={problems}
        onChange={(next) => {
          setDrafts(next);
          setSaved(false);
        }}
      />
      <AssigneeSelect
        id={`${id}-assignee`}
        label={t('register.detail.assignTo')}
        emptyLabel={t('register.detail.nobody')}
        value={assignee}
        onChange={(value) => {
          setAssignee(value);
          setSaved(false);
        }}
        extra={extra}
      />
      <ConflictOrError error={error} kept type={type} />
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('register.detail.save')}
        </button>
      </div>
      <p className="admin-saved" role="status">
        {saved ? t('register.detail.saved') : ''}
      </p>
    </form>
  );
}

/** A comment: kept in the box until the hub has it. */
function CommentForm({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation();
  const run = useRegisterAction();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const result = await run('register.comment', { id: complaintId, text });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setText('');
  }

  return (
    <form className="register-comment" aria-label={t('register.detail.comment')} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('register.detail.comment')}</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="button" disabled={busy || text.trim() === ''}>
        {t('register.detail.addComment')}
      </button>
    </form>
  );
}

/** The complaint's files (each downloads) and attaching one (the hub checks its bytes). */
function ComplaintFiles({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const run = useRegisterAction();
  const id = useId();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [refused, setRefused] = useState<{ name: string; why: FileRefusal } | null>(null);
  const [busy, setBusy] = useState(false);

  async function attach(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setRefused(null);
    if (file.size > REGISTER_FILE_MAX_BYTES) {
      setError(null);
      setRefused({ name: file.name, why: 'tooLarge' });
      input.value = '';
      return;
    }
    setBusy(true);
    const result = await run('register.attach', {
      id: complaint.id,
      name: file.name,
      mime: mimeOf(file.name, file.type),
      dataBase64: await base64Of(file),
    });
    setBusy(false);
    input.value = '';
    if (result.ok) return setError(null);
    const why = fileRefusal(result.error);
    if (why) {
      setError(null);
      setRefused({ name: file.name, why });
    } else setError(result.error);
  }

  async function download(fileId: string) {
    const result = await settleRegister(dispatch, 'register.file', { fileId });
    if (!result.ok) return setError(result.error);
    setError(null);
    downloadBlob(result.value.name, blobOf(result.value));
  }

  return (
    <section className="register-files" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('register.detail.files')}</h4>
      {complaint.files.length === 0 ? <p className="hint">{t('register.detail.noFiles')}</p> : null}
      <ul>
        {complaint.files.map((file) => (
          <li key={file.id}>
            <button
              type="button"
              className="button link"
              aria-label={t('register.detail.download', { name: file.name })}
              onClick={() => void download(file.id)}
            >
              {file.name}
            </button>{' '}
            <span className="hint">{t('register.detail.size', { kb: Math.max(1, Math.round(file.size / 1024)) })}</span>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('register.detail.attach')}</label>
        <input
          id={`${id}-file`}
          type="file"
          disabled={busy}
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp,.txt"
          aria-describedby={`${id}-hint`}
          onChange={(e) => void attach(e)}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('register.detail.attachHint', { kb: REGISTER_FILE_MAX_BYTES / 1024 })}
        </p>
      </div>
      {refused ? (
        <p className="error" role="alert">
          {t(`register.detail.fileRefused.${refused.why}`, {
            name: refused.name,
            kb: REGISTER_FILE_MAX_BYTES / 1024,
          })}
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}

/** The letter to the customer from the type's template, in the customer's language, as PDF or DOCX. */
function LetterDownload({ complaintId }: { complaintId: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [language, setLanguage] = useState<'en' | 'ru'>(i18n.language === 'en' ? 'en' : 'ru');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  async function letter(format: 'pdf' | 'docx') {
    setBusy(true);
    const result = await settleRegister(dispatch, 'register.letter', { id: complaintId, format, language });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    downloadBlob(result.value.name, blobOf(result.value));
  }

  return (
    <section className="register-letter" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('register.detail.letter')}</h4>
      <div className="register-letter-row">
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('register.detail.letterLanguage')}</label>
          <select
            id={`${id}-language`}
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'ru')}
          >
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </div>
        <button type="button" className="button subtle" disabled={busy} onClick={() => void letter('pdf')}>
          {t('register.detail.letterPdf')}
        </button>
        <button type="button" className="button subtle" disabled={busy} onClick={() => void letter('docx')}>
          {t('register.detail.letterDocx')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

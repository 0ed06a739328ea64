import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import {
  COMPLAINT_STATUSES,
  FieldKind,
  PLACEHOLDERS,
  type ComplaintType,
  type ComplaintTypeInput,
  type FieldDef,
} from '../../../shared/register/registerSchemas.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { issuesUnder, joinList, splitList } from '../admin/adminForms.js';
import { FieldProblems, SavedNote } from '../admin/AdminParts.js';
import { loadTransferTargets, selectTransferTargets } from '../inbox/inboxSlice.js';
import { CalendarForm } from './CalendarForm.js';
import { useRegisterAction, useRegisterData } from './registerData.js';
import { useTypeName } from './useTypeName.js';

const NEW = 'new';

/** Leads: the register's types (fields, deadline, owner group, customer messages, letter) and the business calendar. */
export function RegisterTypesTab() {
  const { t } = useTranslation();
  const types = useRegisterData('register.types', {});
  const typeName = useTypeName();
  const [selected, setSelected] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState<string | null>(null);

  if (types.error && !types.data) return <ErrorMessage error={types.error} />;
  if (!types.data) return <p role="status">{t('admin.loading')}</p>;
  const list = types.data.types;
  const current = selected === NEW ? null : (list.find((type) => type.id === selected) ?? list[0] ?? null);
  const editing = selected === NEW || current !== null;
  const pick = (id: string) => {
    setJustSaved(null);
    setSelected(id);
  };

  return (
    <div className="admin-stack">
      <div className="admin-columns">
        <nav className="admin-list" aria-label={t('register.types.list')}>
          <ul>
            {list.map((type) => (
              <li key={type.id}>
                <button
                  type="button"
                  className="admin-list-item"
                  aria-current={type === current && selected !== NEW ? 'true' : undefined}
                  onClick={() => pick(type.id)}
                >
                  {typeName(type)}
                  {type.retired ? ` (${t('register.types.retiredMark')})` : ''}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => pick(NEW)}>
            {t('register.types.new')}
          </button>
        </nav>
        {editing ? (
          <TypeForm
            key={selected === NEW ? NEW : current?.id}
            type={selected === NEW ? null : current}
            justSaved={current !== null && justSaved === current.id}
            onSaved={(id) => {
              setJustSaved(id);
              setSelected(id);
            }}
          />
        ) : (
          <p className="placeholder">{t('register.types.none')}</p>
        )}
      </div>
      <CalendarForm />
    </div>
  );
}

/** A field being edited: its options as typed ("a, b, c"). */
interface FieldDraft {
  id: string;
  labelEn: string;
  labelRu: string;
  kind: FieldKind;
  required: boolean;
  options: string;
}

function fieldDraft(field: FieldDef): FieldDraft {
  return {
    id: field.id,
    labelEn: field.label.en,
    labelRu: field.label.ru,
    kind: field.kind,
    required: field.required,
    options: joinList(field.options),
  };
}

const BLANK_FIELD: FieldDraft = { id: '', labelEn: '', labelRu: '', kind: 'text', required: false, options: '' };

/** The type as a form holds it: everything the hub takes, fields as drafts. */
type TypeDraft = Omit<ComplaintTypeInput, 'fields'> & { fields: FieldDraft[] };

function typeDraft(type: ComplaintType | null): TypeDraft {
  return {
    ...(type ? { id: type.id } : {}),
    name: type?.name ?? { en: '', ru: '' },
    fields: (type?.fields ?? []).map(fieldDraft),
    deadlineDays: type?.deadlineDays ?? 10,
    ownerGroupId: type?.ownerGroupId ?? null,
    customerMessages: type?.customerMessages ?? {
      new: { en: '', ru: '' },
      in_progress: { en: '', ru: '' },
      waiting_customer: { en: '', ru: '' },
      resolved: { en: '', ru: '' },
      closed: { en: '', ru: '' },
    },
    letterTemplate: type?.letterTemplate ?? { en: '', ru: '' },
    retired: type?.retired ?? false,
  };
}

function typeInput(draft: TypeDraft): ComplaintTypeInput {
  return {
    ...draft,
    fields: draft.fields.map((field) => ({
      id: field.id.trim(),
      label: { en: field.labelEn, ru: field.labelRu },
      kind: field.kind,
      required: field.required,
      options: field.kind === 'choice' ? splitList(field.options) : [],
    })),
  };
}

function TypeForm({
  type,
  justSaved,
  onSaved,
}: {
  type: ComplaintType | null;
  justSaved: boolean;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const run = useRegisterAction();
  const id = useId();
  const targets = useAppSelector(selectTransferTargets);
  const [draft, setDraft] = useState<TypeDraft>(() => typeDraft(type));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(justSaved);
  const [busy, setBusy] = useState(false);
  const issues = issuesUnder(error, '');

  useEffect(() => {
    if (!targets) void dispatch(loadTransferTargets());
  }, [dispatch, targets]);

  const edit = (patch: Partial<TypeDraft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const editField = (index: number, patch: Partial<FieldDraft>) =>
    edit({ fields: draft.fields.map((field, i) => (i === index ? { ...field, ...patch } : field)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await run('register.saveType', typeInput(draft));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setSaved(false);
      return;
    }
    setError(null);
    setSaved(true);
    onSaved(result.value.id);
  }

  const text = (key: string, label: string, value: string, onChange: (v: string) => void, multiline = false) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {multiline ? (
        <textarea
          id={`${id}-${key}`}
          rows={3}
          value={value}
          aria-invalid={issues[key] ? true : undefined}
          aria-describedby={`${id}-${key}-problem`}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={`${id}-${key}`}
          value={value}
          aria-invalid={issues[key] ? true : undefined}
          aria-describedby={`${id}-${key}-problem`}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <FieldProblems id={`${id}-${key}-problem`} message={issues[key]} />
    </div>
  );

  const messages = draft.customerMessages ?? typeDraft(null).customerMessages!;
  const letter = draft.letterTemplate ?? { en: '', ru: '' };
  return (
    <form
      className="admin-form register-type-form"
      aria-label={t('register.types.form')}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3>{type ? t('register.types.edit') : t('register.types.new')}</h3>
      {text('name.en', t('register.types.nameEn'), draft.name.en, (en) => edit({ name: { ...draft.name, en } }))}
      {text('name.ru', t('register.types.nameRu'), draft.name.ru, (ru) => edit({ name: { ...draft.name, ru } }))}
      <div className="field">
        <label htmlFor={`${id}-days`}>{t('register.types.deadlineDays')}</label>
        <input
          id={`${id}-days`}
          type="number"
          min={1}
          max={365}
          value={Number.isFinite(draft.deadlineDays) ? draft.deadlineDays : ''}
          aria-invalid={issues.deadlineDays ? true : undefined}
          aria-describedby={`${id}-days-problem`}
          onChange={(e) => edit({ deadlineDays: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
        />
        <FieldProblems id={`${id}-days-problem`} message={issues.deadlineDays} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-group`}>{t('register.types.ownerGroup')}</label>
        <select
          id={`${id}-group`}
          value={draft.ownerGroupId ?? ''}
          onChange={(e) => edit({ ownerGroupId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">{t('register.types.noGroup')}</option>
          {(targets?.groups ?? []).map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </div>

      <h4>{t('register.types.fields')}</h4>
      <FieldProblems id={`${id}-fields-problem`} message={issues.fields} />
      {draft.fields.map((field, index) => (
        <fieldset key={index} className="admin-checks register-field-def">
          <legend>{t('register.types.field', { n: index + 1 })}</legend>
          {text(`fields.${index}.id`, t('register.types.fieldId'), field.id, (v) => editField(index, { id: v }))}
          {text(`fields.${index}.label.en`, t('register.types.labelEn'), field.labelEn, (v) =>
            editField(index, { labelEn: v }),
          )}
          {text(`fields.${index}.label.ru`, t('register.types.labelRu'), field.labelRu, (v) =>
            editField(index, { labelRu: v }),
          )}
          <div className="field">
            <label htmlFor={`${id}-${index}-kind`}>{t('register.types.kind')}</label>
            <select
              id={`${id}-${index}-kind`}
              value={field.kind}
              onChange={(e) => editField(index, { kind: FieldKind.parse(e.target.value) })}
            >
              {FieldKind.options.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`register.types.kinds.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          {field.kind === 'choice'
            ? text(`fields.${index}.options`, t('register.types.options'), field.options, (v) =>
                editField(index, { options: v }),
              )
            : null}
          <label>
            <input
              type="checkbox"
              checked={field.required}
              onChange={(e) => editField(index, { required: e.target.checked })}
            />
            {t('register.types.required')}
          </label>
          <div className="admin-topic-actions">
            <button
              type="button"
              className="button subtle"
              disabled={index === 0}
              aria-label={t('register.types.fieldUp', { n: index + 1 })}
              onClick={() => {
                const fields = [...draft.fields];
                [fields[index - 1], fields[index]] = [fields[index]!, fields[index - 1]!];
                edit({ fields });
              }}
            >
              ↑
            </button>
            <button
              type="button"
              className="button subtle"
              aria-label={t('register.types.fieldRemove', { n: index + 1 })}
              onClick={() => edit({ fields: draft.fields.filter((_, i) => i !== index) })}
            >
              ×
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="button subtle" onClick={() => edit({ fields: [...draft.fields, BLANK_FIELD] })}>
        {t('register.types.addField')}
      </button>

      <h4>{t('register.types.messages')}</h4>
      <p className="hint">{t('register.types.placeholders', { list: PLACEHOLDERS.map((p) => `{${p}}`).join(' ') })}</p>
      {COMPLAINT_STATUSES.map((status) => (
        <fieldset key={status} className="admin-checks">
          <legend>{t(`register.status.${status}`)}</legend>
          {text(
            `customerMessages.${status}.en`,
            t('register.types.messageEn'),
            messages[status].en,
            (en) => edit({ customerMessages: { ...messages, [status]: { ...messages[status], en } } }),
            true,
          )}
          {text(
            `customerMessages.${status}.ru`,
            t('register.types.messageRu'),
            messages[status].ru,
            (ru) => edit({ customerMessages: { ...messages, [status]: { ...messages[status], ru } } }),
            true,
          )}
        </fieldset>
      ))}

      <h4>{t('register.types.letter')}</h4>
      <p className="hint">{t('register.types.letterHint')}</p>
      {text(
        'letterTemplate.en',
        t('register.types.letterEn'),
        letter.en,
        (en) => edit({ letterTemplate: { ...letter, en } }),
        true,
      )}
      {text(
        'letterTemplate.ru',
        t('register.types.letterRu'),
        letter.ru,
        (ru) => edit({ letterTemplate: { ...letter, ru } }),
        true,
      )}
      <label className="register-check">
        <input type="checkbox" checked={draft.retired ?? false} onChange={(e) => edit({ retired: e.target.checked })} />
        {t('register.types.retired')}
      </label>
      <ErrorMessage error={error} />
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('register.types.save')}
        </button>
      </div>
      <SavedNote text={saved ? t('admin.saved') : null} />
    </form>
  );
}

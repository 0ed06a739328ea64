import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { SearchResult } from '../../../shared/hubApi/customerSearchApi.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import type { KnownContact } from './customerSearchSlice.js';
import { createFromContact } from './customerSearchThunks.js';
import { searchProblem } from './searchProblem.js';

const FIELDS = ['phone', 'email', 'passport', 'account', 'card'] as const;
type Field = (typeof FIELDS)[number];

/** A new potential customer from what the contact told; on a contact, the contact moves to them. */
export function NewCustomerForm({
  threadId,
  known,
  onCreated,
}: {
  threadId?: string;
  known?: KnownContact;
  onCreated: (customer: SearchResult) => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [name, setName] = useState(known?.name ?? '');
  const [values, setValues] = useState<Record<Field, string>>({
    phone: known?.phone ?? '',
    email: known?.email ?? '',
    passport: '',
    account: '',
    card: '',
  });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const label = (field: Field) => t(`customerSearch.create.${field}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const value = values[field].trim();
      const problem = value ? searchProblem(t, field, value) : null;
      if (problem) found[field] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const input = {
      name,
      ...(threadId ? { threadId } : {}),
      ...Object.fromEntries(FIELDS.filter((f) => values[f].trim()).map((f) => [f, values[f].trim()])),
    };
    const action = await dispatch(createFromContact(input));
    setBusy(false);
    if (createFromContact.fulfilled.match(action)) {
      setError(null);
      onCreated(action.payload.customer);
    } else {
      setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
    }
  }

  const taken =
    error?.code === 'conflict' ? FIELDS.find((f) => error.issues?.some((issue) => issue.path === f)) : undefined;

  return (
    <form
      className="customer-search-create"
      onSubmit={(e) => void submit(e)}
      aria-label={t('customerSearch.create.title')}
    >
      <h3>{t('customerSearch.create.title')}</h3>
      <label>
        {t('customerSearch.create.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      {FIELDS.map((field) => (
        <label key={field}>
          {label(field)}
          <input
            value={values[field]}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            maxLength={200}
            autoComplete="off"
            inputMode={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'numeric'}
            aria-invalid={problems[field] ? true : undefined}
            aria-describedby={problems[field] ? `${id}-${field}` : undefined}
          />
          {field === 'card' ? <span className="hint">{t('customerSearch.create.cardHint')}</span> : null}
          {problems[field] ? (
            <span className="error" role="alert" id={`${id}-${field}`}>
              {problems[field]}
            </span>
          ) : null}
        </label>
      ))}
      {taken ? (
        <p className="error" role="alert" title={error?.message}>
          {t('customerSearch.create.taken', { field: label(taken) })}
        </p>
      ) : (
        <ErrorMessage
          error={error}
          fieldLabels={Object.fromEntries([
            ['name', t('customerSearch.create.name')],
            ...FIELDS.map((f) => [f, label(f)]),
          ])}
        />
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {t('customerSearch.create.submit')}
      </button>
    </form>
  );
}

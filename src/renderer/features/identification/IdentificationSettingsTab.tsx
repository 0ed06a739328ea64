import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QuestionKind, type IdentificationSettings, type Question } from '../../../shared/customers/identification.js';
import type { BankAdapterView } from '../../../shared/hubApi/identificationApi.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SavedNote } from '../admin/AdminParts.js';
import { settle } from '../admin/adminThunks.js';
import { useSaving } from '../admin/fields/useSaving.js';
import {
  loadBankAdapter,
  loadIdentificationSettings,
  saveBankAdapter,
  saveIdentificationSettings,
} from './identificationThunks.js';

/** Leads: the identification questions, how many must pass, the lock, and the bank system's adapter. */
export function IdentificationSettingsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [settings, setSettings] = useState<IdentificationSettings | null>(null);
  const [adapter, setAdapter] = useState<BankAdapterView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const reload = useCallback(async () => {
    const [s, a] = await Promise.all([
      settle(dispatch(loadIdentificationSettings()).unwrap()),
      settle(dispatch(loadBankAdapter()).unwrap()),
    ]);
    if (!s.ok) return setError(s.error);
    if (!a.ok) return setError(a.error);
    setError(null);
    setSettings(s.value);
    setAdapter(a.value);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (error) return <ErrorMessage error={error} />;
  if (!settings || !adapter) return <p role="status">{t('admin.loading')}</p>;
  return (
    <div className="admin-stack">
      <QuestionsForm initial={settings} />
      <BankAdapterForm initial={adapter} />
    </div>
  );
}

function newQuestion(n: number): Question {
  return { id: `custom-${n}`, kind: 'custom', enabled: true, text: { en: '', ru: '' } };
}

function QuestionsForm({ initial }: { initial: IdentificationSettings }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const { error, saved, clearSaved, busy, save } = useSaving(false);

  const edit = (patch: Partial<IdentificationSettings>) => {
    setDraft({ ...draft, ...patch });
    clearSaved();
  };
  const editQuestion = (index: number, patch: Partial<Question>) =>
    edit({ questions: draft.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)) });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await save(() => dispatch(saveIdentificationSettings(draft)).unwrap());
    if (result) setDraft(result);
  }

  const number = (value: string) => (value.trim() === '' ? 0 : Number(value));
  return (
    <form
      className="admin-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('identification.settings.title')}
    >
      <h3>{t('identification.settings.title')}</h3>
      <p className="hint">{t('identification.settings.intro')}</p>
      {draft.questions.map((question, index) => (
        <fieldset key={index} className="admin-checks">
          <legend>{t('identification.settings.question', { n: index + 1 })}</legend>
          <label>
            <input
              type="checkbox"
              checked={question.enabled}
              onChange={(e) => editQuestion(index, { enabled: e.target.checked })}
            />
            {t('identification.settings.enabled')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-${index}-kind`}>{t('identification.settings.kind')}</label>
            <select
              id={`${id}-${index}-kind`}
              value={question.kind}
              onChange={(e) => editQuestion(index, { kind: QuestionKind.parse(e.target.value) })}
            >
              {QuestionKind.options.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`identification.kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-${index}-id`}>{t('identification.settings.id')}</label>
            <input
              id={`${id}-${index}-id`}
              value={question.id}
              onChange={(e) => editQuestion(index, { id: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${index}-en`}>{t('identification.settings.textEn')}</label>
            <input
              id={`${id}-${index}-en`}
              value={question.text.en}
              onChange={(e) => editQuestion(index, { text: { ...question.text, en: e.target.value } })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${index}-ru`}>{t('identification.settings.textRu')}</label>
            <input
              id={`${id}-${index}-ru`}
              value={question.text.ru}
              onChange={(e) => editQuestion(index, { text: { ...question.text, ru: e.target.value } })}
            />
          </div>
          <button
            type="button"
            className="button subtle"
            aria-label={t('identification.settings.remove', { n: index + 1 })}
            onClick={() => edit({ questions: draft.questions.filter((_, i) => i !== index) })}
          >
            ×
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button subtle"
        onClick={() => edit({ questions: [...draft.questions, newQuestion(draft.questions.length + 1)] })}
      >
        {t('identification.settings.add')}
      </button>
      <div className="field">
        <label htmlFor={`${id}-required`}>{t('identification.settings.required')}</label>
        <input
          id={`${id}-required`}
          type="number"
          min={1}
          value={draft.required}
          onChange={(e) => edit({ required: number(e.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-attempts`}>{t('identification.settings.maxFailedAttempts')}</label>
        <input
          id={`${id}-attempts`}
          type="number"
          min={1}
          value={draft.maxFailedAttempts}
          onChange={(e) => edit({ maxFailedAttempts: number(e.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-lock`}>{t('identification.settings.lockMinutes')}</label>
        <input
          id={`${id}-lock`}
          type="number"
          min={1}
          value={draft.lockMinutes}
          onChange={(e) => edit({ lockMinutes: number(e.target.value) })}
        />
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="button" disabled={busy}>
        {t('identification.settings.save')}
      </button>
      <SavedNote text={saved} />
    </form>
  );
}

function BankAdapterForm({ initial }: { initial: BankAdapterView }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [view, setView] = useState(initial);
  const [url, setUrl] = useState(initial.url ?? '');
  const [token, setToken] = useState('');
  const [timeoutMs, setTimeoutMs] = useState(initial.timeoutMs);
  const { error, saved, clearSaved, busy, save } = useSaving(false);

  async function submit(event: FormEvent<HTMLFormElement>, removeToken = false) {
    event.preventDefault();
    const input = { url, timeoutMs, ...(removeToken ? { token: '' } : token ? { token } : {}) };
    const result = await save(() => dispatch(saveBankAdapter(input)).unwrap());
    if (!result) return;
    setView(result);
    setToken('');
  }

  return (
    <form
      className="admin-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('identification.settings.bank.title')}
    >
      <h3>{t('identification.settings.bank.title')}</h3>
      <p className="hint">{t('identification.settings.bank.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('identification.settings.bank.url')}</label>
        <input
          id={`${id}-url`}
          value={url}
          placeholder="https://bank-adapter.example"
          onChange={(e) => {
            setUrl(e.target.value);
            clearSaved();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t('identification.settings.bank.token')}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          value={token}
          aria-describedby={`${id}-token-hint`}
          onChange={(e) => {
            setToken(e.target.value);
            clearSaved();
          }}
        />
        <p className="hint" id={`${id}-token-hint`}>
          {view.tokenSet ? t('identification.settings.bank.tokenSet') : t('identification.settings.bank.tokenNotSet')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-timeout`}>{t('identification.settings.bank.timeout')}</label>
        <input
          id={`${id}-timeout`}
          type="number"
          min={500}
          max={30000}
          step={500}
          value={timeoutMs}
          onChange={(e) => {
            setTimeoutMs(Number(e.target.value));
            clearSaved();
          }}
        />
      </div>
      <ErrorMessage error={error} />
      <div className="identification-buttons">
        <button type="submit" className="button" disabled={busy}>
          {t('identification.settings.bank.save')}
        </button>
        {view.tokenSet ? (
          <button
            type="button"
            className="button subtle"
            disabled={busy}
            onClick={(e) => void submit(e as unknown as FormEvent<HTMLFormElement>, true)}
          >
            {t('identification.settings.bank.removeToken')}
          </button>
        ) : null}
      </div>
      <SavedNote text={saved} />
    </form>
  );
}

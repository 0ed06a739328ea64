import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/accounts/password.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { selectSignedIn } from '../session/sessionSlice.js';
import { changePassword } from './accountThunks.js';

type Problem = 'tooShort' | 'mismatch' | null;

/**
 * The agent's own password, in Settings: the current one, the new one twice. It applies on its own
 * (a fieldset with its own button, like the cache part); the agent's other apps are signed out.
 */
export function ChangePasswordSection() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const signedIn = useAppSelector(selectSignedIn);
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!signedIn) return null;

  async function submit(): Promise<void> {
    setDone(false);
    setError(null);
    const found: Problem = next.length < PASSWORD_MIN_LENGTH ? 'tooShort' : next !== repeat ? 'mismatch' : null;
    setProblem(found);
    if (found) {
      document.getElementById(`${id}-${found === 'tooShort' ? 'new' : 'repeat'}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await dispatch(changePassword({ currentPassword: current, newPassword: next })).unwrap();
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (e) {
      setError(e as ErrorInfo);
    } finally {
      setBusy(false);
    }
  }

  // Enter changes the password here rather than saving the rest of the dialog.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void submit();
  };
  const labels = {
    currentPassword: t('account.changePassword.current'),
    newPassword: t('account.changePassword.new'),
  };
  const field = (key: 'current' | 'new' | 'repeat', value: string, set: (v: string) => void, label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="password"
        autoComplete={key === 'current' ? 'current-password' : 'new-password'}
        value={value}
        aria-invalid={
          (key === 'new' && problem === 'tooShort') || (key === 'repeat' && problem === 'mismatch') || undefined
        }
        aria-describedby={key === 'new' ? `${id}-hint` : undefined}
        onChange={(e) => set(e.target.value)}
        onKeyDown={onEnter}
      />
    </div>
  );

  return (
    <fieldset className="field-group" aria-busy={busy || undefined}>
      <legend>{t('account.changePassword.title')}</legend>
      {field('current', current, setCurrent, labels.currentPassword)}
      {field('new', next, setNext, labels.newPassword)}
      {field('repeat', repeat, setRepeat, t('account.changePassword.repeat'))}
      <p className={problem ? 'field-error' : 'hint'} id={`${id}-hint`} role={problem ? 'alert' : undefined}>
        {problem
          ? t(`account.changePassword.${problem}`, { min: PASSWORD_MIN_LENGTH })
          : t('account.changePassword.hint', { min: PASSWORD_MIN_LENGTH })}
      </p>
      <ErrorMessage error={error} fieldLabels={labels} />
      {done ? <p role="status">{t('account.changePassword.changed')}</p> : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="button subtle"
          disabled={busy || current === '' || next === ''}
          onClick={() => void submit()}
        >
          {t('account.changePassword.submit')}
        </button>
      </div>
    </fieldset>
  );
}

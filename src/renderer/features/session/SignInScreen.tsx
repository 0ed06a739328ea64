import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { requests } from '../../../shared/contract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SettingsButton } from '../settings/SettingsButton.js';
import { hubAddressErrorText } from './hubAddressText.js';
import { selectSettings } from '../settings/settingsSlice.js';
import { selectAppInfo, selectSignInState, signIn } from './sessionSlice.js';

type Field = 'hubUrl' | 'login' | 'password';
const FIELDS: readonly Field[] = ['hubUrl', 'login', 'password'];

/** Which fields the contract's own input schema refuses (the same check the core makes). */
function invalidFields(input: Record<Field, string>): Set<Field> {
  const parsed = requests['session.signIn'].input.safeParse(input);
  const fields = new Set<Field>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (FIELDS.includes(field as Field)) fields.add(field as Field);
    }
  }
  return fields;
}

export function SignInScreen() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const settings = useAppSelector(selectSettings);
  const appInfo = useAppSelector(selectAppInfo);
  const { pending, error } = useAppSelector(selectSignInState);
  const id = useId();

  // null = untouched: show the configured (or embedded) hub until the agent types.
  const [hubUrlInput, setHubUrl] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState<Set<Field>>(new Set());

  const hubUrl = hubUrlInput ?? settings?.hubUrl ?? appInfo?.embeddedHubUrl ?? '';
  const labels = useMemo(
    () => ({ hubUrl: t('session.hubUrl'), login: t('session.login'), password: t('session.password') }),
    [t],
  );

  // Fields the core refused with bad_request count as invalid too.
  const serverInvalid = new Set<Field>(
    error?.code === 'bad_request'
      ? (error.issues ?? []).map((i) => i.path.split('.')[0] as Field).filter((f) => FIELDS.includes(f))
      : [],
  );
  const invalid = (field: Field) => checked.has(field) || serverInvalid.has(field);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { hubUrl, login, password };
    const refused = invalidFields(input);
    setChecked(refused);
    const first = FIELDS.find((f) => refused.has(f));
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    void dispatch(signIn(input));
  }

  function fieldProps(field: Field) {
    const errorId = `${id}-${field}-error`;
    return {
      id: `${id}-${field}`,
      'aria-invalid': invalid(field) || undefined,
      'aria-describedby': invalid(field) ? errorId : undefined,
    };
  }

  function fieldError(field: Field) {
    if (!invalid(field)) return null;
    return (
      <p className="field-error" id={`${id}-${field}-error`}>
        {field === 'hubUrl' ? hubAddressErrorText(t, hubUrl) : t(`session.invalid.${field}`)}
      </p>
    );
  }

  return (
    <div className="signin-page">
      <header className="signin-header">
        <span className="brand">{t('app.name')}</span>
        <SettingsButton />
      </header>
      <main className="signin-main">
        <form className="card signin-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
          <h1 id={`${id}-title`}>{t('session.title')}</h1>

          <div className="field">
            <label htmlFor={`${id}-hubUrl`}>{labels.hubUrl}</label>
            <input
              {...fieldProps('hubUrl')}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder="https://hub.example.com"
              value={hubUrl}
              onChange={(e) => setHubUrl(e.target.value)}
            />
            {fieldError('hubUrl')}
          </div>

          <div className="field">
            <label htmlFor={`${id}-login`}>{labels.login}</label>
            <input
              {...fieldProps('login')}
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={login}
              onChange={(e) => setLogin(e.target.value)}
            />
            {fieldError('login')}
          </div>

          <div className="field">
            <label htmlFor={`${id}-password`}>{labels.password}</label>
            <input
              {...fieldProps('password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {fieldError('password')}
          </div>

          <ErrorMessage error={error} fieldLabels={labels} />

          <button type="submit" className="button primary" aria-busy={pending || undefined} disabled={pending}>
            {t('session.signIn')}
          </button>
          {pending ? (
            <p className="hint" aria-live="polite">
              {t('session.signingIn')}
            </p>
          ) : null}
        </form>
      </main>
    </div>
  );
}

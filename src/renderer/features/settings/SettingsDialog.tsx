import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Language, requests, type Settings } from '../../../shared/contract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { LANGUAGE_NAMES } from '../../i18n/index.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { hubAddressErrorText } from '../session/hubAddressText.js';
import { CacheSettingsSection } from './CacheSettingsSection.js';
import { ChangePasswordSection } from './ChangePasswordSection.js';
import { saveSettings, selectSettings, selectSettingsDialog, settingsDialogClosed } from './settingsSlice.js';

/** The hub address rule of the contract's sign-in input, so both places accept the same addresses. */
const HubUrl = requests['session.signIn'].input.shape.hubUrl;

/**
 * A native modal <dialog>: focus moves in, Tab stays inside, Escape closes, and focus returns
 * to the Settings button — all by the browser.
 */
export function SettingsDialog() {
  const dispatch = useAppDispatch();
  const { dialogOpen } = useAppSelector(selectSettingsDialog);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (dialogOpen && !dialog.open) dialog.showModal();
    if (!dialogOpen && dialog.open) dialog.close();
  }, [dialogOpen]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={() => {
        if (dialogOpen) dispatch(settingsDialogClosed());
      }}
    >
      {dialogOpen ? <SettingsForm titleId={titleId} /> : null}
    </dialog>
  );
}

function SettingsForm({ titleId }: { titleId: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const settings = useAppSelector(selectSettings);
  const { saving, saveError } = useAppSelector(selectSettingsDialog);
  const id = useId();

  const [language, setLanguage] = useState<Language>(settings?.language ?? (i18n.language === 'ru' ? 'ru' : 'en'));
  const [hubUrl, setHubUrl] = useState(settings?.hubUrl ?? '');
  const [hubUrlInvalid, setHubUrlInvalid] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = hubUrl.trim();
    if (trimmed !== '' && !HubUrl.safeParse(trimmed).success) {
      setHubUrlInvalid(true);
      document.getElementById(`${id}-hubUrl`)?.focus();
      return;
    }
    setHubUrlInvalid(false);
    const update: Partial<Settings> = { language, hubUrl: trimmed === '' ? null : trimmed };
    void dispatch(saveSettings(update));
  }

  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <h2 id={titleId}>{t('settings.title')}</h2>

      <div className="field">
        <label htmlFor={`${id}-language`}>{t('settings.language')}</label>
        <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(Language.parse(e.target.value))}>
          {Language.options.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-hubUrl`}>{t('settings.hubUrl')}</label>
        <input
          id={`${id}-hubUrl`}
          type="url"
          inputMode="url"
          spellCheck={false}
          placeholder="https://hub.example.com"
          value={hubUrl}
          aria-invalid={hubUrlInvalid || undefined}
          aria-describedby={`${id}-hubUrl-hint`}
          onChange={(e) => setHubUrl(e.target.value)}
        />
        <p className={hubUrlInvalid ? 'field-error' : 'hint'} id={`${id}-hubUrl-hint`}>
          {hubUrlInvalid ? hubAddressErrorText(t, hubUrl) : t('settings.hubUrlHint')}
        </p>
      </div>

      <CacheSettingsSection />

      <ChangePasswordSection />

      <ErrorMessage
        error={saveError}
        fieldLabels={{ hubUrl: t('settings.hubUrl'), language: t('settings.language') }}
      />

      <div className="dialog-actions">
        <button type="button" className="button subtle" onClick={() => dispatch(settingsDialogClosed())}>
          {t('settings.close')}
        </button>
        <button type="submit" className="button primary" disabled={saving} aria-busy={saving || undefined}>
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}

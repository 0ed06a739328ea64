import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/hooks.js';
import { settingsDialogOpened } from './settingsSlice.js';

export function SettingsButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <button
      type="button"
      className="button subtle"
      aria-haspopup="dialog"
      onClick={() => dispatch(settingsDialogOpened())}
    >
      {t('settings.open')}
    </button>
  );
}

import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { useErrorText } from '../../ui/errorText.js';
import { selectSignOutState, signOut } from './sessionSlice.js';

export function SignOutButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { pending, error } = useAppSelector(selectSignOutState);
  const errorText = useErrorText();
  return (
    <>
      <button type="button" className="button subtle" disabled={pending} onClick={() => void dispatch(signOut())}>
        {t('session.signOut')}
      </button>
      {error ? (
        <span className="error inline" role="alert">
          {errorText(error)}
        </span>
      ) : null}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectAgent } from '../session/sessionSlice.js';
import { canOpenAdminArea } from './adminTabModel.js';
import { adminOpened } from './adminSlice.js';

/** The toolbar's way into the settings area; only leads and admins get it. */
export function AdminButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  if (!canOpenAdminArea(agent?.role)) return null;
  return (
    <button type="button" className="button subtle" aria-haspopup="dialog" onClick={() => dispatch(adminOpened())}>
      {t('admin.open')}
    </button>
  );
}

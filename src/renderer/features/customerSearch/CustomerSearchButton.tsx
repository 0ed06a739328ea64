import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { searchClosed, searchOpened, selectSearchOpen } from './customerSearchSlice.js';
import { CustomerSearchPanel } from './CustomerSearchPanel.js';
import { SearchDialog } from './SearchDialog.js';

/** The toolbar's "Find customer", and the app's one search dialog (also opened for a thread or a call). */
export function CustomerSearchButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const context = useAppSelector(selectSearchOpen);
  const close = () => dispatch(searchClosed());
  const title = !context?.threadId
    ? t('customerSearch.title')
    : context.startWithCreate
      ? t('customerSearch.create.title')
      : t('customerSearch.findAttach');
  return (
    <>
      <button type="button" className="button subtle" aria-haspopup="dialog" onClick={() => dispatch(searchOpened({}))}>
        {t('customerSearch.open')}
      </button>
      <SearchDialog open={context !== null} title={title} onClose={close}>
        {context ? <CustomerSearchPanel context={context} onDone={close} /> : null}
      </SearchDialog>
    </>
  );
}

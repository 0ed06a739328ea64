import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ComplaintDetail } from './ComplaintDetail.js';
import { CreateComplaintForm } from './CreateComplaintForm.js';
import { RegisterDialog } from './RegisterDialog.js';
import {
  complaintShown,
  createClosed,
  registerClosed,
  registerOpened,
  selectCreateContext,
  selectRegisterOpen,
  selectShownComplaint,
} from './registerSlice.js';
import { RegisterView } from './RegisterView.js';

/**
 * The toolbar's "Register", and the app's two register dialogs: the register (the list, or one
 * complaint) and the new complaint form (opened from a conversation or a customer card). Both live
 * here so they outlive the card or conversation they were opened from.
 */
export function RegisterButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const open = useAppSelector(selectRegisterOpen);
  const complaintId = useAppSelector(selectShownComplaint);
  const create = useAppSelector(selectCreateContext);
  return (
    <>
      <button
        type="button"
        className="button subtle"
        aria-haspopup="dialog"
        onClick={() => dispatch(registerOpened({}))}
      >
        {t('register.open')}
      </button>
      <RegisterDialog open={open} title={t('register.title')} onClose={() => dispatch(registerClosed())}>
        {complaintId ? (
          <ComplaintDetail key={complaintId} complaintId={complaintId} onBack={() => dispatch(complaintShown(null))} />
        ) : (
          <RegisterView onOpen={(id) => dispatch(complaintShown(id))} />
        )}
      </RegisterDialog>
      <RegisterDialog
        open={create !== null}
        title={t('register.create.title')}
        className="register-create-dialog"
        onClose={() => dispatch(createClosed())}
      >
        {create ? <CreateComplaintForm context={create} /> : null}
      </RegisterDialog>
    </>
  );
}

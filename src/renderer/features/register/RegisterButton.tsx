import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ComplaintDetail } from './ComplaintDetail.js';
import { CreateComplaintForm } from './CreateComplaintForm.js';
import { RegisterDialog } from './RegisterDialog.js';
import { useRegisterData } from './registerData.js';
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
  const badgeId = useId();
  const overdue = useMyOverdue();
  return (
    <>
      <button
        type="button"
        className="button subtle"
        aria-haspopup="dialog"
        aria-describedby={overdue > 0 ? badgeId : undefined}
        onClick={() => dispatch(registerOpened({}))}
      >
        {t('register.open')}
        {overdue > 0 ? (
          <span className="register-overdue" aria-hidden="true">
            {overdue}
          </span>
        ) : null}
      </button>
      {overdue > 0 ? (
        <span id={badgeId} hidden>
          {t('register.myOverdue', { count: overdue })}
        </span>
      ) : null}
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

/** Read again this often, so a deadline passing while nobody changes anything still shows. */
const OVERDUE_EVERY_MS = 5 * 60_000;

/** How many complaints of the signed-in agent (theirs or their groups') are past their deadline. */
function useMyOverdue(): number {
  const mine = useRegisterData('register.list', { mine: true, overdue: true, limit: 1 });
  const { reload } = mine;
  useEffect(() => {
    const timer = setInterval(reload, OVERDUE_EVERY_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return mine.data?.total ?? 0;
}

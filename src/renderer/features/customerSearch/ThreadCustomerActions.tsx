import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { searchOpened } from './customerSearchSlice.js';

/**
 * On the card beside an open thread: find the customer the contact really is and attach the thread
 * to them, or make a new customer from what the contact told (the card's name, phone and email).
 */
export function ThreadCustomerActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const threadId = useAppSelector((state) => state.conversation.threadId);
  const threadCustomer = useAppSelector((state) => state.conversation.thread?.customerId ?? null);
  // Only for the customer of the thread on screen (not a caller's card shown from the softphone).
  if (!threadId || threadCustomer !== customer.id) return null;
  const known = { name: customer.name, phone: customer.phone, email: customer.email };
  return (
    <div className="customer-search-actions">
      <button
        type="button"
        className="button subtle"
        aria-haspopup="dialog"
        onClick={() => dispatch(searchOpened({ threadId, known }))}
      >
        {t('customerSearch.findAttach')}
      </button>
      <button
        type="button"
        className="button subtle"
        aria-haspopup="dialog"
        onClick={() => dispatch(searchOpened({ threadId, known, startWithCreate: true }))}
      >
        {t('customerSearch.create.open')}
      </button>
    </div>
  );
}

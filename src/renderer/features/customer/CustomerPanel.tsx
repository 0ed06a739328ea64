import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { CardFields } from './CardFields.js';
import { CardHistory } from './CardHistory.js';
import { CustomerTimeline } from './CustomerTimeline.js';
import { actionErrorDismissed, customerShown, selectCustomerCard } from './customerSlice.js';
import { IdentityList } from './IdentityList.js';
import { ThreadCustomerActions } from '../customerSearch/ThreadCustomerActions.js';
import { IdentificationPanel } from '../identification/IdentificationPanel.js';
import { CustomerRegister } from '../register/CustomerRegister.js';
import { CustomerActivities } from '../activities/CustomerActivities.js';
import './customer.css';

/** The card of the customer of the open thread (or of the caller), beside the conversation. */
export function CustomerPanel() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const card = useAppSelector(selectCustomerCard);
  if (!card.customerId) return null;
  const { customer } = card;
  return (
    <aside className="customer-panel" aria-label={t('customer.panel')}>
      <header className="customer-panel-header">
        <h2>{t('customer.panel')}</h2>
        <button
          type="button"
          className="button subtle"
          aria-label={t('customer.close')}
          onClick={() => dispatch(customerShown(null))}
        >
          ×
        </button>
      </header>
      {card.status === 'loading' ? <p role="status">{t('customer.loading')}</p> : null}
      <ErrorMessage error={card.error} />
      {card.status === 'ready' && !customer ? <p className="hint">{t('customer.notCached')}</p> : null}
      {customer ? (
        <>
          {card.pending > 0 ? (
            <p className="customer-pending" role="status">
              {t('customer.pending', { count: card.pending })}
            </p>
          ) : null}
          {customer.kind ? (
            <p className="customer-kind hint" role="note">
              {t(customer.kind === 'anonymous' ? 'customer.customerKind.anonymous' : 'customer.customerKind.potential')}
            </p>
          ) : null}
          <CardFields key={customer.id} customer={customer} />
          {card.actionError ? (
            <div onClick={() => dispatch(actionErrorDismissed())}>
              <ErrorMessage
                error={card.actionError}
                fieldLabels={{ name: t('customer.name'), notes: t('customer.notes'), value: t('customer.value') }}
              />
            </div>
          ) : null}
          <IdentityList customer={customer} />
          <ThreadCustomerActions customer={customer} />
          <IdentificationPanel customerId={customer.id} />
          <CustomerRegister customerId={customer.id} />
          <CustomerActivities customerId={customer.id} />
          <CustomerTimeline customerId={customer.id} timeline={card.timeline} />
          <CardHistory history={card.history} available={card.historyAvailable} />
        </>
      ) : null}
    </aside>
  );
}

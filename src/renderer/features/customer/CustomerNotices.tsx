import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { customerNoticeDismissed, selectCustomerNotices } from './customerSlice.js';

/**
 * What the hub did with card edits made offline, in the agent's language: whose value stands and
 * that theirs is kept in the card's history (a conflict), or that the change was refused.
 */
export function CustomerNotices() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const notices = useAppSelector(selectCustomerNotices);
  if (notices.length === 0) return null;
  return (
    <ul className="sync-notices customer-notices" role="alert">
      {notices.flatMap((notice, index) => {
        const lines =
          notice.code === 'customer_conflict' && notice.conflicts.length > 0
            ? notice.conflicts.map((c) =>
                t('customer.notices.customer_conflict', {
                  by: c.by ?? t('customer.notices.anotherAgent'),
                  field: t(`customer.field.${c.field}`),
                  name: notice.customerName,
                  hubValue: c.hubValue,
                  yourValue: c.yourValue,
                }),
              )
            : [t('customer.notices.customer_rejected', { name: notice.customerName })];
        return (
          <li
            key={`${notice.customerId}-${index}`}
            className={`sync-notice notice-${notice.code}`}
            title={notice.detail}
          >
            <span>{lines.join(' ')}</span>
            <button type="button" className="button subtle" onClick={() => dispatch(customerNoticeDismissed(index))}>
              {t('customer.notices.dismiss')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

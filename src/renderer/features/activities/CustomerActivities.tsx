import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ActivityForm } from './ActivityForm.js';
import { ActivityItem } from './ActivityItem.js';
import { loadCustomerActivities, selectCustomerActivities } from './activitiesSlice.js';

/** The customer's planned activities on the customer card (open ones first), and planning one from here. */
export function CustomerActivities({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const activities = useAppSelector((state) => selectCustomerActivities(state, customerId));
  const name = useAppSelector((state) =>
    state.customer.customer?.id === customerId ? state.customer.customer.name : '',
  );
  const headingId = useId();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    setOpen(false);
    void dispatch(loadCustomerActivities(customerId));
  }, [dispatch, customerId]);

  const now = Date.now();
  return (
    <section className="customer-activities" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('activities.title')}</h3>
      <button type="button" className="button subtle" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t('activities.plan')}
      </button>
      {open ? (
        <ActivityForm customerId={customerId} threadId={null} customerName={name} onClose={() => setOpen(false)} />
      ) : null}
      {activities.length === 0 ? (
        <p className="placeholder">{t('activities.none')}</p>
      ) : (
        <ul className="activity-list" aria-labelledby={headingId}>
          {activities.map((a) => (
            <ActivityItem key={a.id} activity={a} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

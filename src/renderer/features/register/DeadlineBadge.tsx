import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../shared/register/registerSchemas.js';
import { formatFullTime } from '../../i18n/format.js';

/** "Overdue" / "Due soon" beside a complaint (the hub computes the warning when it is read); nothing otherwise. */
export function DeadlineBadge({ complaint }: { complaint: Pick<Complaint, 'warning' | 'deadlineAt'> }) {
  const { t, i18n } = useTranslation();
  if (complaint.warning === 'none') return null;
  return (
    <span
      className={`sla ${complaint.warning === 'overdue' ? 'sla-overdue' : 'sla-soon'}`}
      title={t('register.deadlineAt', { at: formatFullTime(complaint.deadlineAt, i18n.language) })}
    >
      {t(`register.warning.${complaint.warning}`)}
    </span>
  );
}

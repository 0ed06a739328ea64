import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../shared/register/registerSchemas.js';
import { DeadlineBadge } from './DeadlineBadge.js';

/** One complaint as a button: number, subject, status and its deadline warning. */
export function ComplaintLine({ complaint, onOpen }: { complaint: Complaint; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="register-line" onClick={onOpen}>
      <span className="thread-number">{t('register.number', { number: complaint.number })}</span>{' '}
      <span className="register-line-subject">{complaint.subject}</span>{' '}
      <span className={`tag register-status register-status-${complaint.status}`}>
        {t(`register.status.${complaint.status}`)}
      </span>
      <DeadlineBadge complaint={complaint} />
    </button>
  );
}

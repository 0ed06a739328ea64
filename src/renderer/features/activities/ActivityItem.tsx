import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../shared/activities/activity.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatFullTime, formatMessageTime } from '../../i18n/format.js';
import { cancelActivity, completeActivity } from './activitiesSlice.js';

/** "for Anna" / "for group Second line". */
export function useTargetText(): (activity: Activity) => string {
  const { t } = useTranslation();
  return (activity) =>
    activity.groupId
      ? t('activities.forGroup', { name: activity.groupName ?? '' })
      : t('activities.forAgent', { name: activity.agentName ?? '' });
}

/** One activity: what, when, for whom, the note, where it stands; Done and Cancel while it is open. */
export function ActivityItem({ activity, now }: { activity: Activity; now: number }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const targetText = useTargetText();
  const locale = t('activities.locale');
  const what = t(`activities.kinds.${activity.kind}`);
  const whatLower = t(`activities.kindsLower.${activity.kind}`);
  const open = activity.state === 'planned' || activity.state === 'queued';
  return (
    <li className={`activity activity-${activity.state}`}>
      <span className="activity-what">{what}</span>{' '}
      <time dateTime={new Date(activity.dueAt).toISOString()} title={formatFullTime(activity.dueAt, locale)}>
        {t('activities.due', { when: formatMessageTime(activity.dueAt, now, locale) })}
      </time>{' '}
      <span className="activity-target">{targetText(activity)}</span>{' '}
      <span className="tag">{t(`activities.states.${activity.state}`)}</span>
      {activity.note ? <p className="activity-note">{activity.note}</p> : null}
      {open ? (
        <span className="activity-buttons">
          <button
            type="button"
            className="button subtle"
            aria-label={t('activities.doneLabel', { what: whatLower, customer: activity.customerName })}
            onClick={() => void dispatch(completeActivity(activity.id))}
          >
            {t('activities.done')}
          </button>
          <button
            type="button"
            className="button subtle"
            aria-label={t('activities.cancelLabel', { what: whatLower, customer: activity.customerName })}
            onClick={() => void dispatch(cancelActivity(activity.id))}
          >
            {t('activities.cancel')}
          </button>
        </span>
      ) : null}
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { useTargetText } from './ActivityItem.js';
import { selectQueuedActivity } from './activitiesSlice.js';

/** Under a queue row whose thread is a planned activity: what it is, for whom, and the note. */
export function ActivityQueueTag({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const activity = useAppSelector((state) => selectQueuedActivity(state, threadId));
  const targetText = useTargetText();
  if (!activity) return null;
  return (
    <p className="activity-tag">
      <span className="tag">{t('activities.queueTag', { what: t(`activities.kindsLower.${activity.kind}`) })}</span>{' '}
      <span>{targetText(activity)}</span>
      {activity.note ? <span> · {activity.note}</span> : null}
    </p>
  );
}

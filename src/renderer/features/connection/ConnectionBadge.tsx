import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { formatClock } from '../../i18n/format.js';
import { badgeOf, selectConnection, syncPercentOf } from './connectionSlice.js';

/**
 * "Online" / "Connecting…" / "Reconnecting…" / "Offline since 14:05", plus "3 pending" while
 * mutations wait in the outbox. A polite live region; its name is its own text.
 */
export function ConnectionBadge() {
  const { t, i18n } = useTranslation();
  const connection = useAppSelector(selectConnection);
  const badge = badgeOf(connection);
  const syncPercent = syncPercentOf(connection);
  const id = useId();

  let text: string;
  switch (badge.kind) {
    case 'online':
      text = t('connection.online');
      break;
    case 'connecting':
      text = t('connection.connecting');
      break;
    case 'reconnecting':
      text = t('connection.reconnecting');
      break;
    case 'offline':
      text =
        badge.since === null
          ? t('connection.offline')
          : t('connection.offlineSince', { time: formatClock(badge.since, i18n.language) });
      break;
    case 'signedOut':
      text = t('connection.signedOut');
      break;
    case 'hostLost':
      text = t('connection.hostLost');
      break;
  }

  return (
    <div role="status" className={`badge badge-${badge.kind}`} aria-labelledby={id}>
      <span className="badge-dot" aria-hidden="true" />
      <span id={id}>
        {text}
        {syncPercent !== null ? (
          <span className="badge-sync">
            {' '}
            · {t('connection.syncing', { percent: syncPercent, remaining: connection.progress?.remaining ?? 0 })}
          </span>
        ) : null}
        {badge.pending > 0 ? (
          <span className="badge-pending"> · {t('connection.pending', { count: badge.pending })}</span>
        ) : null}
      </span>
    </div>
  );
}

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/contract.js';
import type { Channel } from '../../../shared/domain.js';
import { useNow } from '../../app/clock.js';
import { formatCountdown } from '../../i18n/format.js';
import { slaClock } from './sla.js';

/**
 * One thread in the queue. The button's accessible name starts with the customer's name, then
 * the channel, number, subject, preview and the SLA clock.
 */
export const QueueRow = memo(function QueueRow({
  item,
  index,
  selected,
  onSelect,
}: {
  item: QueueItem;
  index: number;
  selected: boolean;
  onSelect: (threadId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="queue-row"
      data-row-index={index}
      aria-pressed={selected}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(item.id)}
    >
      <span className="row-name">{item.customerName}</span>
      <span className="row-meta">
        <span className={`channel channel-${item.channel}`}>{t(`channel.${item.channel}`)}</span>
        <span className="row-number">{t('inbox.threadNumber', { number: item.number })}</span>
      </span>
      {item.subject ? <span className="row-subject">{item.subject}</span> : null}
      {item.lastMessagePreview !== item.subject ? <span className="row-preview">{item.lastMessagePreview}</span> : null}
      {item.slaDueAt !== null ? <SlaTimer channel={item.channel} slaDueAt={item.slaDueAt} /> : null}
    </button>
  );
});

/** Ticks every second; only rows on screen exist, so only they tick. */
function SlaTimer({ channel, slaDueAt }: { channel: Channel; slaDueAt: number }) {
  const { t } = useTranslation();
  const now = useNow();
  const clock = slaClock(channel, slaDueAt, now);
  switch (clock.kind) {
    case 'none':
      return null;
    case 'overdue':
      return (
        <span className="sla sla-overdue">{t('inbox.slaOverdue', { time: formatCountdown(clock.overdueMs) })}</span>
      );
    case 'ok':
    case 'soon':
      // Round up: "0:01 left" until the deadline, never "0:00 left".
      return (
        <span className={`sla sla-${clock.kind}`}>
          {t('inbox.slaLeft', { time: formatCountdown(Math.ceil(clock.remainingMs / 1000) * 1000) })}
        </span>
      );
  }
}

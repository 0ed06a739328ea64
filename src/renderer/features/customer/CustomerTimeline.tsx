import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { threadSelected } from '../inbox/inboxSlice.js';
import { ChannelIcon } from './ChannelIcon.js';
import { loadTimeline, type CustomerState } from './customerSlice.js';

/** Every message of the customer on every channel, newest first; a click opens its thread. */
export function CustomerTimeline({
  customerId,
  timeline,
}: {
  customerId: string;
  timeline: CustomerState['timeline'];
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section className="customer-timeline" aria-label={t('customer.timeline')}>
      <h4>{t('customer.timeline')}</h4>
      {timeline.source === 'cache' ? <p className="hint">{t('customer.timelineFromCache')}</p> : null}
      <ErrorMessage error={timeline.error} />
      {timeline.items.length === 0 && !timeline.loading ? <p className="muted">{t('customer.timelineEmpty')}</p> : null}
      <ol>
        {timeline.items.map((item) => (
          <li key={item.messageId} className={`timeline-item timeline-${item.direction}`}>
            <button type="button" className="timeline-open" onClick={() => dispatch(threadSelected(item.threadId))}>
              <span className="timeline-meta">
                <ChannelIcon channel={item.channel} />
                <span className="thread-number">{t('inbox.threadNumber', { number: item.threadNumber })}</span>
                <span className="visually-hidden">{t(`customer.direction.${item.direction}`)}</span>
                <span className="timeline-author">{item.author.name}</span>
                <time dateTime={new Date(item.createdAt).toISOString()}>{time.format(item.createdAt)}</time>
              </span>
              <span className="timeline-text">{item.text}</span>
            </button>
          </li>
        ))}
      </ol>
      {timeline.nextBefore ? (
        <button
          type="button"
          className="button subtle"
          disabled={timeline.loading}
          onClick={() => void dispatch(loadTimeline({ customerId, before: timeline.nextBefore }))}
        >
          {t('customer.loadOlder')}
        </button>
      ) : null}
    </section>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintEvent, ComplaintType } from '../../../shared/register/registerSchemas.js';
import { formatFullTime } from '../../i18n/format.js';
import { complaintEventText } from './complaintEventText.js';

/** Every change of the complaint, newest last: who, when, what from → to, in the agent's language. */
export function ComplaintHistory({ events, type }: { events: readonly ComplaintEvent[]; type: ComplaintType | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = i18n.language === 'ru' ? 'ru' : 'en';
  const fieldName = (fieldId: string | null) => {
    const field = type?.fields.find((candidate) => candidate.id === fieldId);
    return field ? field.label[language] || field.label.en : (fieldId ?? '');
  };
  return (
    <section className="register-history" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('register.history.title')}</h4>
      <ol className="register-events" aria-labelledby={`${id}-title`}>
        {events.map((event) => (
          <li key={event.id} className={`register-event register-event-${event.kind}`}>
            <time dateTime={new Date(event.at).toISOString()}>{formatFullTime(event.at, i18n.language)}</time>{' '}
            <span>{complaintEventText(t, event, fieldName)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

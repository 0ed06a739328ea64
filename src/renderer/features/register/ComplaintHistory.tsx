import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ComplaintStatus, type ComplaintEvent, type ComplaintType } from '../../../shared/register/registerSchemas.js';
import { formatFullTime } from '../../i18n/format.js';

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

/** One history line in words: statuses by their names, ids by the names the hub resolved. */
export function complaintEventText(
  t: TFunction,
  event: ComplaintEvent,
  fieldName: (fieldId: string | null) => string,
): string {
  const who = event.agentName ?? t('register.history.system');
  const status = (value: string | null) => {
    const parsed = ComplaintStatus.safeParse(value);
    return parsed.success ? t(`register.status.${parsed.data}`) : (value ?? '—');
  };
  const shown = (value: string | null, label: string | null) => label ?? (value === null || value === '' ? '—' : value);
  const from = shown(event.from, event.fromLabel);
  const to = shown(event.to, event.toLabel);
  const text = event.text ?? '';
  switch (event.kind) {
    case 'created':
      return t('register.history.created', { who });
    case 'status':
      return t('register.history.status', { who, from: status(event.from), to: status(event.to) });
    case 'assignee_agent':
      return t('register.history.assigneeAgent', { who, from, to });
    case 'assignee_group':
      return t('register.history.assigneeGroup', { who, from, to });
    case 'field':
      return t('register.history.field', { who, field: fieldName(event.field), from, to });
    case 'subject':
      return t('register.history.subject', { who, from, to });
    case 'comment':
      return t('register.history.comment', { who, text });
    case 'file':
      return t('register.history.file', { who, text });
    case 'linked':
      return t('register.history.linked', { who, to });
    case 'customer_notified':
      return t('register.history.customerNotified', { to: channelName(t, event.to), text });
    case 'customer_not_notified':
      return t('register.history.customerNotNotified', { text });
    case 'letter':
      return t('register.history.letter', { who, text });
  }
}

function channelName(t: TFunction, channel: string | null): string {
  if (!channel) return '—';
  return t(`channel.${channel}`, { defaultValue: channel });
}

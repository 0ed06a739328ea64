/** A complaint's history line in the agent's language (statuses by name, ids by the names the hub resolved). */
import type { TFunction } from 'i18next';
import { ComplaintStatus, type ComplaintEvent } from '../../../shared/register/registerSchemas.js';

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

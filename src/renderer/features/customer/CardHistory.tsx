import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../shared/customers/customerCard.js';

const FIELDS = ['name', 'notes', 'phone', 'email', 'telegram', 'vk', 'webhook'] as const;
type Field = (typeof FIELDS)[number];

/** Who changed the card, and values that lost a conflict (kept, so nothing an agent wrote is gone). */
export function CardHistory({ history, available }: { history: HistoryEntry[]; available: boolean }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const fieldName = (field: string | null) =>
    field && (FIELDS as readonly string[]).includes(field) ? t(`customer.field.${field as Field}`) : (field ?? '');
  return (
    <details className="customer-history">
      <summary>{t('customer.changes')}</summary>
      {!available ? <p className="hint">{t('customer.historyUnavailable')}</p> : null}
      {available && history.length === 0 ? <p className="muted">{t('customer.noChanges')}</p> : null}
      <ol>
        {history.map((entry) => (
          <li key={entry.id} className={`history-${entry.kind}`}>
            <time dateTime={new Date(entry.createdAt).toISOString()}>{time.format(entry.createdAt)}</time>{' '}
            {t(`customer.history.${entry.kind}`, {
              agent: entry.agentName ?? t('customer.someone'),
              field: fieldName(entry.field),
              old: entry.oldValue ?? '',
              new: entry.newValue ?? '',
            })}
          </li>
        ))}
      </ol>
    </details>
  );
}

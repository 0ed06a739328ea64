import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../../shared/hubApi/customerSearchApi.js';
import { formatFullTime } from '../../i18n/format.js';

/** Customers found, masked as the hub sends them; each can be opened and, on a contact, attached to it. */
export function SearchResultList({
  results,
  label,
  onOpen,
  onAttach,
  attachLabel = 'customerSearch.attachTo',
}: {
  results: readonly SearchResult[];
  label: string;
  onOpen?: (result: SearchResult) => void;
  onAttach?: (result: SearchResult) => void;
  attachLabel?: 'customerSearch.attachTo' | 'customerSearch.caller.pick';
}) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="customer-search-results" aria-label={label}>
      {results.map((result) => (
        <li key={result.id} aria-label={result.name}>
          <p className="customer-search-name">
            <strong>{result.name}</strong> <span className="hint">{t(`customerSearch.kind.${result.kind}`)}</span>
            {result.match.exact ? null : <span className="hint"> · {t('customerSearch.typos')}</span>}
          </p>
          {result.phones.length + result.emails.length > 0 ? (
            <p className="customer-search-keys">{[...result.phones, ...result.emails].join(' · ')}</p>
          ) : null}
          {result.documents.length > 0 ? (
            <p className="customer-search-keys">
              {result.documents.map((d) => `${t(`customerSearch.keys.${d.kind}`)} ${d.shown}`).join(' · ')}
            </p>
          ) : null}
          <p className="hint">
            {t('customerSearch.contacts', { count: result.threads })}
            {' · '}
            {result.lastContactAt === null
              ? t('customerSearch.noContact')
              : t('customerSearch.lastContact', { time: formatFullTime(result.lastContactAt, i18n.language) })}
          </p>
          <div className="customer-search-actions">
            {onAttach ? (
              <button
                type="button"
                className="button primary"
                aria-label={t(attachLabel, { name: result.name })}
                onClick={() => onAttach(result)}
              >
                {attachLabel === 'customerSearch.attachTo'
                  ? t('customerSearch.attach')
                  : t('customerSearch.caller.pick', { name: result.name })}
              </button>
            ) : null}
            {onOpen ? (
              <button
                type="button"
                className="button subtle"
                aria-label={t('customerSearch.openCardOf', { name: result.name })}
                onClick={() => onOpen(result)}
              >
                {t('customerSearch.openCard')}
              </button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

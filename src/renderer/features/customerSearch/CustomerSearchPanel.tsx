import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../shared/contract.js';
import type { SearchKey } from '../../../shared/customers/searchKeys.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { SearchResult } from '../../../shared/hubApi/customerSearchApi.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { customerShown } from '../customer/customerSlice.js';
import { attachThread, loadSearchKeys, searchCustomers } from './customerSearchThunks.js';
import type { KnownContact, SearchContext } from './customerSearchSlice.js';
import { NewCustomerForm } from './NewCustomerForm.js';
import { SearchResultList } from './SearchResultList.js';
import { searchProblem } from './searchProblem.js';

type Reply = RequestOutput<'customerSearch.search'>;

/** The search screen: a key the desk offers, what to look for, the customers found, and what to do with them. */
export function CustomerSearchPanel({ context, onDone }: { context: SearchContext; onDone: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [keys, setKeys] = useState<SearchKey[] | null>(null);
  const [key, setKey] = useState<SearchKey>('phone');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [reply, setReply] = useState<Reply | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(context.startWithCreate ?? false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void dispatch(loadSearchKeys()).then((action) => {
      if (!loadSearchKeys.fulfilled.match(action)) return setError(action.payload ?? null);
      setKeys(action.payload.keys);
      setKey((current) => (action.payload.keys.includes(current) ? current : (action.payload.keys[0] ?? 'phone')));
    });
  }, [dispatch]);

  async function search(event: FormEvent) {
    event.preventDefault();
    const found = searchProblem(t, key, value);
    setProblem(found);
    if (found) return;
    setBusy(true);
    const action = await dispatch(searchCustomers({ key, value }));
    setBusy(false);
    if (searchCustomers.fulfilled.match(action)) {
      setError(null);
      setReply(action.payload);
    } else {
      setReply(null);
      setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
    }
  }

  const open = (customer: { id: string }) => {
    dispatch(customerShown(customer.id));
    onDone();
  };

  async function attach(to: { customerId: string } | { anonymous: true }, name: string | null) {
    if (!context.threadId) return;
    const action = await dispatch(attachThread({ threadId: context.threadId, ...to }));
    if (!attachThread.fulfilled.match(action))
      return setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
    setError(null);
    setDone(name ? t('customerSearch.attached', { name }) : t('customerSearch.anonymousDone'));
    dispatch(customerShown(action.payload.customer.id));
  }

  const created = (customer: SearchResult) => {
    setCreating(false);
    setDone(t('customerSearch.create.done', { name: customer.name }));
    dispatch(customerShown(customer.id));
  };

  return (
    <div className="customer-search-body">
      {done ? (
        <p className="customer-search-done" role="status">
          {done}
        </p>
      ) : null}
      <form
        className="customer-search-form"
        onSubmit={(e) => void search(e)}
        role="search"
        aria-label={t('customerSearch.title')}
      >
        <label>
          {t('customerSearch.key')}
          <select value={key} onChange={(e) => setKey(e.target.value as SearchKey)} disabled={!keys}>
            {(keys ?? [key]).map((k) => (
              <option key={k} value={k}>
                {t(`customerSearch.keys.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('customerSearch.value')}
          <input
            type="search"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={t(`customerSearch.placeholder.${key}`)}
            maxLength={200}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
          />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('customerSearch.searching') : t('customerSearch.search')}
        </button>
      </form>
      {problem ? (
        <p className="error" role="alert" id={`${id}-problem`}>
          {problem}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {reply ? (
        <section aria-label={t('customerSearch.results')}>
          {reply.source === 'cache' ? (
            <p className="hint" role="status">
              {t('customerSearch.fromCache')}
            </p>
          ) : null}
          {reply.results.length === 0 ? (
            <p role="status">{t('customerSearch.none')}</p>
          ) : (
            <SearchResultList
              results={reply.results}
              label={t('customerSearch.results')}
              onOpen={open}
              onAttach={context.threadId ? (r) => void attach({ customerId: r.id }, r.name) : undefined}
            />
          )}
          {reply.truncated ? <p className="hint">{t('customerSearch.truncated')}</p> : null}
        </section>
      ) : null}
      {context.threadId ? (
        <div className="customer-search-actions">
          {!creating ? (
            <button type="button" className="button subtle" onClick={() => setCreating(true)}>
              {t('customerSearch.create.open')}
            </button>
          ) : null}
          <button
            type="button"
            className="button subtle"
            title={t('customerSearch.anonymousHint')}
            onClick={() => void attach({ anonymous: true }, null)}
          >
            {t('customerSearch.anonymous')}
          </button>
        </div>
      ) : reply && reply.results.length === 0 && !creating ? (
        <button type="button" className="button subtle" onClick={() => setCreating(true)}>
          {t('customerSearch.create.title')}
        </button>
      ) : null}
      {creating ? (
        <NewCustomerForm
          threadId={context.threadId}
          known={{ ...context.known, ...(reply?.results.length === 0 ? prefillFrom(key, value) : {}) }}
          onCreated={created}
        />
      ) : null}
    </div>
  );
}

/** A phone, email or name that found nobody is what the new customer starts with. */
function prefillFrom(key: SearchKey, value: string): KnownContact {
  if (key === 'name') return { name: value };
  if (key === 'phone') return { phone: value };
  if (key === 'email') return { email: value };
  return {};
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskCard } from '../../../shared/customers/bankKeys.js';
import type { BankProducts, ProductsReply } from '../../../shared/customers/products.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatFullTime } from '../../i18n/format.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { loadProducts } from './identificationThunks.js';
import { formatDay, formatMoney } from './productFormat.js';

/**
 * The customer's products from the bank system, asked when the identified customer is opened. A bank
 * that is slow or broken shows a sentence and a retry button; the rest of the card stays usable.
 */
export function ProductsPanel({ threadId }: { threadId: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [reply, setReply] = useState<ProductsReply | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    const result = await settle(dispatch(loadProducts(threadId)).unwrap());
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setReply(result.value);
  }, [dispatch, threadId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="products" aria-label={t('identification.products.title')} aria-busy={loading}>
      <h5>{t('identification.products.title')}</h5>
      {loading ? <p role="status">{t('identification.products.loading')}</p> : null}
      <ErrorMessage error={error} />
      {reply && reply.state !== 'ok' ? (
        <p className="products-state" role="alert" title={'reason' in reply ? reply.reason : undefined}>
          {t(`identification.products.state.${reply.state}`)}
        </p>
      ) : null}
      {reply?.state === 'ok' ? (
        <>
          <ProductLists products={reply.products} />
          <p className="hint">
            {t('identification.products.fetchedAt', { time: formatFullTime(reply.fetchedAt, i18n.language) })}
          </p>
        </>
      ) : null}
      <button type="button" className="button subtle" disabled={loading} onClick={() => void load()}>
        {t('identification.products.refresh')}
      </button>
    </section>
  );
}

function ProductLists({ products }: { products: BankProducts }) {
  const { t, i18n } = useTranslation();
  const money = (amount: string, currency: string) => formatMoney(amount, currency, i18n.language);
  const status = (s: string) => t(`identification.products.status.${s}` as 'identification.products.status.active');
  return (
    <>
      <h6>{t('identification.products.accounts')}</h6>
      <ul className="products-list" aria-label={t('identification.products.accounts')}>
        {products.accounts.length === 0 ? <li className="hint">{t('identification.products.none')}</li> : null}
        {products.accounts.map((account) => (
          <li key={account.id}>
            <span>{account.name || account.number}</span> <span className="commercial-number">{account.number}</span>
            <span className="products-amount">
              {t('identification.products.balance')}: {money(account.balance, account.currency)}
            </span>
            <span className={`products-status ${account.status}`}>{status(account.status)}</span>
          </li>
        ))}
      </ul>
      <h6>{t('identification.products.cards')}</h6>
      <ul className="products-list" aria-label={t('identification.products.cards')}>
        {products.cards.length === 0 ? <li className="hint">{t('identification.products.none')}</li> : null}
        {products.cards.map((card) => (
          <li key={card.id}>
            <span>{t('identification.products.card', { masked: maskCard(card.last4) })}</span>{' '}
            <span className="hint">
              {[card.paymentSystem, card.name].filter(Boolean).join(' · ')}
              {card.expires ? ` · ${t('identification.products.expires', { date: card.expires })}` : ''}
            </span>
            <span className={`products-status ${card.status}`}>{status(card.status)}</span>
          </li>
        ))}
      </ul>
      <h6>{t('identification.products.loans')}</h6>
      <ul className="products-list" aria-label={t('identification.products.loans')}>
        {products.loans.length === 0 ? <li className="hint">{t('identification.products.none')}</li> : null}
        {products.loans.map((loan) => (
          <li key={loan.id}>
            <span>{loan.name || loan.id}</span>
            <span className="products-amount">
              {t('identification.products.owed')}: {money(loan.balance, loan.currency)}
            </span>
            <span className={`products-status ${loan.status}`}>{status(loan.status)}</span>
            {loan.nextPaymentDate && loan.nextPaymentAmount ? (
              <span className="hint">
                {t('identification.products.nextPayment', {
                  amount: money(loan.nextPaymentAmount, loan.currency),
                  date: formatDay(loan.nextPaymentDate, i18n.language),
                })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IdentityKind, type Customer } from '../../../shared/domain.js';
import { normalizeIdentity } from '../../../shared/customers/customerCard.js';
import { useAppDispatch } from '../../app/hooks.js';
import { dialRequested } from '../softphone/softphoneSlice.js';
import { linkIdentity, unlinkIdentity } from './customerSlice.js';

/**
 * Every phone, email and messenger id of the customer: numbers dial on click, each can be
 * unlinked, and a new one linked (one that belongs to someone else merges them, as the hint says).
 */
export function IdentityList({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [kind, setKind] = useState<IdentityKind>('phone');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<IdentityKind | null>(null);
  const identities = customer.identities ?? [];

  const link = (event: FormEvent) => {
    event.preventDefault();
    // Checked here for an immediate answer in the agent's language; the core and the hub check again.
    if (!normalizeIdentity(kind, value).ok) {
      setProblem(kind);
      return;
    }
    setProblem(null);
    void dispatch(linkIdentity({ customerId: customer.id, kind, value })).then((action) => {
      if (linkIdentity.fulfilled.match(action)) setValue('');
    });
  };

  return (
    <section className="customer-identities" aria-label={t('customer.identities')}>
      <h4>{t('customer.identities')}</h4>
      {identities.length === 0 ? <p className="muted">{t('customer.noIdentities')}</p> : null}
      <ul>
        {identities.map((identity) => (
          <li key={`${identity.kind}:${identity.value}`} className={`identity identity-${identity.kind}`}>
            <span className="identity-kind">{t(`customer.identityKind.${identity.kind}`)}</span>
            {identity.kind === 'phone' ? (
              <button
                type="button"
                className="link identity-value"
                aria-label={t('customer.call', { number: identity.value })}
                // A deliberate click-to-call: the softphone dials without asking again.
                onClick={() => dispatch(dialRequested(identity.value))}
              >
                {identity.value}
              </button>
            ) : (
              <span className="identity-value">{identity.value}</span>
            )}
            <button
              type="button"
              className="button subtle"
              aria-label={t('customer.unlink', { value: identity.value })}
              onClick={() =>
                void dispatch(unlinkIdentity({ customerId: customer.id, kind: identity.kind, value: identity.value }))
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="identity-link" onSubmit={link}>
        <label>
          {t('customer.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as IdentityKind)}>
            {IdentityKind.options.map((k) => (
              <option key={k} value={k}>
                {t(`customer.identityKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('customer.value')}
          <input
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setProblem(null);
            }}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'identity-problem' : undefined}
            maxLength={200}
          />
        </label>
        <button type="submit" className="button" disabled={value.trim() === ''}>
          {t('customer.link')}
        </button>
        {problem ? (
          <p className="error" role="alert" id="identity-problem">
            {t(`customer.badIdentity.${problem}`)}
          </p>
        ) : null}
        <p className="hint">{t('customer.linkHint')}</p>
      </form>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { createCustomer } from './customerSlice.js';

/** "Unknown caller — create customer": the number is filled in; the agent adds a name (and an email). */
export function CreateCustomerForm({ phone, onCreated }: { phone: string; onCreated?: (customer: Customer) => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [name, setName] = useState('');
  const [number, setNumber] = useState(phone);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<Parameters<typeof ErrorMessage>[0]['error']>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name,
      ...(number.trim() ? { phone: number } : {}),
      ...(email.trim() ? { email } : {}),
    };
    void dispatch(createCustomer(input)).then((action) => {
      if (createCustomer.fulfilled.match(action)) {
        setError(null);
        if (action.payload.customer) onCreated?.(action.payload.customer);
      } else if (createCustomer.rejected.match(action)) {
        setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
      }
    });
  };

  return (
    <form className="create-customer" onSubmit={submit} aria-label={t('customer.create.title')}>
      <label>
        {t('customer.create.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        {t('customer.create.phone')}
        <input value={number} onChange={(e) => setNumber(e.target.value)} maxLength={64} inputMode="tel" />
      </label>
      <label>
        {t('customer.create.email')}
        <input value={email} onChange={(e) => setEmail(e.target.value)} maxLength={200} type="email" />
      </label>
      <ErrorMessage
        error={error}
        fieldLabels={{
          name: t('customer.create.name'),
          phone: t('customer.create.phone'),
          email: t('customer.create.email'),
        }}
      />
      <button type="submit" className="button primary" disabled={name.trim() === ''}>
        {t('customer.create.submit')}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain.js';
import { useAppDispatch } from '../../app/hooks.js';
import { updateCustomer } from './customerSlice.js';

/** Name and notes, shown, and edited in place; only the fields that changed are sent. */
export function CardFields({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(customer.name);
  const [notes, setNotes] = useState(customer.notes ?? '');

  const start = () => {
    setName(customer.name);
    setNotes(customer.notes ?? '');
    setEditing(true);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const changed = {
      ...(name.trim() !== customer.name ? { name } : {}),
      ...(notes !== (customer.notes ?? '') ? { notes } : {}),
    };
    if (Object.keys(changed).length === 0) {
      setEditing(false);
      return;
    }
    void dispatch(updateCustomer({ customerId: customer.id, ...changed })).then((action) => {
      if (updateCustomer.fulfilled.match(action)) setEditing(false);
    });
  };

  if (!editing) {
    return (
      <div className="customer-fields">
        <h3 className="customer-name">{customer.name}</h3>
        <p className="customer-notes">{customer.notes ? customer.notes : t('customer.noNotes')}</p>
        <button type="button" className="button subtle" onClick={start}>
          {t('customer.edit')}
        </button>
      </div>
    );
  }
  return (
    <form className="customer-fields customer-edit" onSubmit={save}>
      <label>
        {t('customer.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        {t('customer.notes')}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={4000} />
      </label>
      <div className="customer-actions">
        <button type="submit" className="button primary">
          {t('customer.save')}
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)}>
          {t('customer.cancel')}
        </button>
      </div>
    </form>
  );
}

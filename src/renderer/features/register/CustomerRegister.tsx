import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'react-redux';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import type { AppStore } from '../../app/store.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { contactOf } from '../identification/contactOf.js';
import { ComplaintLine } from './ComplaintLine.js';
import { useRegisterData } from './registerData.js';
import { createOpened, registerOpened, selectLastCreated } from './registerSlice.js';
import './register.css';

const useAppStore = useStore.withTypes<AppStore>();

/** How many of the customer's complaints the card lists (the register shows them all). */
const ON_CARD = 10;

/**
 * The customer's complaints and requests on the customer card (open ones first as the hub orders
 * them, with their deadline warnings), each opening in the register; and "Register" for this customer,
 * linked to the contact the card is shown for when there is one.
 */
export function CustomerRegister({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const headingId = useId();
  const list = useRegisterData('register.list', { customerId, limit: ON_CARD });
  const last = useAppSelector(selectLastCreated);

  function register() {
    const state = store.getState();
    const threadId = contactOf(state, customerId);
    const thread = state.conversation.thread;
    dispatch(
      createOpened({
        threadId,
        customerId,
        subject: threadId && thread?.id === threadId ? (thread.subject ?? '') : '',
      }),
    );
  }

  const items = list.data?.items ?? [];
  return (
    <section className="customer-register" aria-labelledby={headingId}>
      <header className="customer-register-header">
        <h3 id={headingId}>{t('register.customer.title')}</h3>
        <button type="button" className="button subtle" aria-haspopup="dialog" onClick={register}>
          {t('register.customer.register')}
        </button>
      </header>
      {last && last.customerId === customerId && last.threadId === null ? (
        <p role="status" className="register-created">
          {t('register.create.done', { number: last.number })}
        </p>
      ) : null}
      <ErrorMessage error={list.error} />
      {list.data === null && !list.error ? <p role="status">{t('register.loading')}</p> : null}
      {list.data && items.length === 0 ? <p className="hint">{t('register.customer.none')}</p> : null}
      {items.length > 0 ? (
        <ul className="register-lines" aria-labelledby={headingId}>
          {items.map((complaint) => (
            <li key={complaint.id}>
              <ComplaintLine
                complaint={complaint}
                onOpen={() => dispatch(registerOpened({ complaintId: complaint.id }))}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {list.data && list.data.total > items.length ? (
        <p className="hint">{t('register.customer.more', { count: list.data.total - items.length })}</p>
      ) : null}
    </section>
  );
}

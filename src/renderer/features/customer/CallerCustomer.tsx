/** The customer card's part of the call card: show a known caller's card, or create the unknown caller. */
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/hooks.js';
import { callerFound } from '../softphone/softphoneSlice.js';
import { CreateCustomerForm } from './CreateCustomerForm.js';
import { customerShown } from './customerSlice.js';

/** The hub asked by the caller's number: a pick list when a family shares it (features/customerSearch). */
export { CallerMatches } from '../customerSearch/CallerMatches.js';

export function ShowCallerCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <button type="button" className="button subtle" onClick={() => dispatch(customerShown(customerId))}>
      {t('customer.show')}
    </button>
  );
}

/** Creating the customer also names the caller on this call, so the logged call belongs to them. */
export function CreateCallerCustomer({ callId, phone, e164 }: { callId: string; phone: string; e164: string | null }) {
  const dispatch = useAppDispatch();
  return (
    <CreateCustomerForm
      phone={e164 ?? phone}
      onCreated={(customer) =>
        dispatch(
          callerFound({
            id: callId,
            caller: { lookup: 'done', e164, customer: { id: customer.id, name: customer.name, phone: customer.phone } },
          }),
        )
      }
    />
  );
}

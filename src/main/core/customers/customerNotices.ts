/** What an agent is told when the hub settles one of their card changes differently than made. */
import type { CustomerNotice } from '../../../shared/customers/customerContract.js';
import type { PushResult } from '../../../shared/sync.js';
import type { LocalStore } from '../store/localStore.js';
import type { OutboxEntry } from '../store/outboxRepo.js';

export function customerNoticeFor(store: LocalStore, entry: OutboxEntry, result: PushResult): CustomerNotice | null {
  const mutation = entry.mutation;
  if (!mutation?.kind.startsWith('customer.') || !('customerId' in mutation) || !mutation.customerId) return null;
  const customer = store.customers.current(mutation.customerId);
  const customerName = customer?.name ?? (mutation.kind === 'customer.create' ? mutation.name : '');
  if (result.outcome === 'rejected') {
    return {
      code: 'customer_rejected',
      customerId: mutation.customerId,
      customerName,
      conflicts: [],
      detail: result.error?.message ?? 'refused by the hub',
    };
  }
  if (result.notice?.code !== 'customer_conflict') return null;
  return {
    code: 'customer_conflict',
    customerId: mutation.customerId,
    customerName,
    conflicts: result.notice.conflicts ?? [],
    detail: result.notice.message,
  };
}

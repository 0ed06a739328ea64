/** The customer card's slice: what it shows when, how the timeline pages, and the conflict notices. */
import { describe, expect, it } from 'vitest';
import { customerNotice } from '../../src/renderer/app/coreEvents.js';
import {
  customerNoticeDismissed,
  customerShown,
  customerSlice,
  loadCustomer,
  loadTimeline,
  updateCustomer,
} from '../../src/renderer/features/customer/customerSlice.js';
import type { TimelineItem } from '../../src/shared/customers/customerTimeline.js';
import type { Customer } from '../../src/shared/domain.js';

const reducer = customerSlice.reducer;
const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';

const customer = (over: Partial<Customer> = {}): Customer => ({
  id: A,
  name: 'Vera',
  phone: null,
  email: null,
  createdAt: 1,
  updatedAt: 1,
  notes: '',
  identities: [],
  mergedInto: null,
  ...over,
});

const item = (n: number): TimelineItem => ({
  messageId: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  threadId: B,
  threadNumber: 7,
  channel: n % 2 ? 'webchat' : 'phone',
  direction: 'in',
  author: { kind: 'customer', id: null, name: 'Vera' },
  text: `m${n}`,
  createdAt: 1000 - n,
});

const page = (items: TimelineItem[], nextBefore: string | null) => ({
  customerId: A,
  source: 'hub' as const,
  threads: [],
  items,
  nextBefore,
});

describe('customer card slice', () => {
  it('shows the card of the customer asked for, and ignores answers about another one', () => {
    let state = reducer(undefined, customerShown(A));
    state = reducer(state, loadCustomer.fulfilled({ customer: customer({ id: B }), pending: 0 }, 'r', B));
    expect(state.customer).toBeNull();
    state = reducer(state, loadCustomer.fulfilled({ customer: customer(), pending: 2 }, 'r', A));
    expect(state).toMatchObject({ status: 'ready', pending: 2, customer: { name: 'Vera' } });
  });

  it('follows a merge: the card of a merged id answers with the survivor and stays shown', () => {
    let state = reducer(undefined, customerShown(B));
    state = reducer(state, loadCustomer.fulfilled({ customer: customer({ id: A }), pending: 0 }, 'r', B));
    expect(state.customer?.id).toBe(A);
    state = reducer(
      state,
      updateCustomer.fulfilled({ customer: customer({ id: A, name: 'Vera P.' }), pending: 1 }, 'r', {
        customerId: A,
        name: 'Vera P.',
      }),
    );
    expect(state.customer?.name).toBe('Vera P.');
  });

  it('appends older timeline pages without duplicates, and a fresh first page replaces them', () => {
    let state = reducer(undefined, customerShown(A));
    state = reducer(state, loadTimeline.fulfilled(page([item(1), item(2)], 'c2'), 'r', { customerId: A }));
    state = reducer(
      state,
      loadTimeline.fulfilled(page([item(2), item(3)], null), 'r', { customerId: A, before: 'c2' }),
    );
    expect(state.timeline.items.map((i) => i.text)).toEqual(['m1', 'm2', 'm3']);
    expect(state.timeline.nextBefore).toBeNull();
    state = reducer(state, loadTimeline.fulfilled(page([item(0)], 'c0'), 'r', { customerId: A }));
    expect(state.timeline.items.map((i) => i.text)).toEqual(['m0']);
  });

  it('keeps conflict notices across cards until dismissed', () => {
    let state = reducer(undefined, customerShown(A));
    state = reducer(
      state,
      customerNotice({
        code: 'customer_conflict',
        customerId: A,
        customerName: 'Vera',
        conflicts: [{ field: 'name', hubValue: 'Vera B.', yourValue: 'Vera A.', by: 'Борис' }],
        detail: '',
      }),
    );
    state = reducer(state, customerShown(B));
    expect(state.notices).toHaveLength(1);
    state = reducer(state, customerNoticeDismissed(0));
    expect(state.notices).toEqual([]);
  });
});

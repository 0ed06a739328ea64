/** The renderer's identification calls: commercial data reaches the component that asked and never the store. */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/renderer/app/store.js';
import {
  answerQuestion,
  loadProducts,
  openCommercial,
} from '../../src/renderer/features/identification/identificationThunks.js';
import { contactOf } from '../../src/renderer/features/identification/contactOf.js';
import type { RootState } from '../../src/renderer/app/store.js';
import { sampleProducts } from '../../src/server/bank/sampleProducts.js';
import { FakePlatform } from './renderer-fixtures.js';

const THREAD = '01900000-0000-7000-8000-00000000000a';
const CUSTOMER = '01900000-0000-7000-8000-00000000000b';

describe('commercial data in the renderer', () => {
  it('is returned to the caller and leaves no trace in the store', async () => {
    const products = sampleProducts('C-1001');
    const platform = new FakePlatform()
      .on('identification.commercial', () => ({
        threadId: THREAD,
        customerId: CUSTOMER,
        documents: [{ kind: 'passport' as const, shown: '45 06 123456', revealed: true }],
        complaints: [],
      }))
      .on('identification.products', () => ({ state: 'ok' as const, products, fetchedAt: 1 }));
    const store = createAppStore(platform);
    const before = JSON.stringify(store.getState());

    const commercial = await store.dispatch(openCommercial(THREAD)).unwrap();
    const reply = await store.dispatch(loadProducts(THREAD)).unwrap();

    expect(commercial.documents[0]?.shown).toBe('45 06 123456');
    expect(reply).toMatchObject({ state: 'ok', products });
    const after = JSON.stringify(store.getState());
    expect(after).toBe(before);
    expect(after).not.toContain('45 06 123456');
    expect(after).not.toContain(products.accounts[0]!.number);
  });

  it("sends a mark or what the customer said, and rejects with the hub's error", async () => {
    const platform = new FakePlatform().fail('identification.answer', {
      code: 'bad_request',
      message: 'answer: passport must be a 4-digit series and a 6-digit number (for example 45 06 123456)',
    });
    const store = createAppStore(platform);
    const result = await store.dispatch(answerQuestion({ threadId: THREAD, questionId: 'passport', answer: '45' }));
    expect(result.payload).toMatchObject({ code: 'bad_request' });
    expect(platform.callsOf('identification.answer')).toEqual([
      { threadId: THREAD, questionId: 'passport', answer: '45' },
    ]);
  });
});

describe('the contact a card identifies for', () => {
  const OTHER = '01900000-0000-7000-8000-00000000000c';
  const CALL_THREAD = '01900000-0000-7000-8000-00000000000d';
  const base = createAppStore(new FakePlatform()).getState();
  const withState = (conversationCustomer: string | null, callerCustomer: string | null): RootState => ({
    ...base,
    conversation: {
      ...base.conversation,
      thread: conversationCustomer === null ? null : ({ id: THREAD, customerId: conversationCustomer } as never),
    },
    softphone: {
      ...base.softphone,
      callOrder: ['call-1'],
      calls: { 'call-1': { thread: { threadId: CALL_THREAD } } as never },
      callers: {
        'call-1': {
          lookup: 'done',
          e164: '+79161230001',
          customer: callerCustomer === null ? null : { id: callerCustomer, name: 'Olga', phone: null },
        },
      },
    },
  });

  it('is the open conversation when the card is its customer, else a queued call of that caller, else none', () => {
    expect(contactOf(withState(CUSTOMER, CUSTOMER), CUSTOMER)).toBe(THREAD);
    expect(contactOf(withState(OTHER, CUSTOMER), CUSTOMER)).toBe(CALL_THREAD);
    expect(contactOf(withState(null, OTHER), CUSTOMER)).toBeNull();
  });
});

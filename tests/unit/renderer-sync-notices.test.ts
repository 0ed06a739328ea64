import { describe, expect, it } from 'vitest';
import { syncNotice, syncProgress } from '../../src/renderer/app/coreEvents.js';
import {
  connectionSlice,
  noticeDismissed,
  syncPercentOf,
} from '../../src/renderer/features/connection/connectionSlice.js';
import {
  conversationSlice,
  discardMessage,
  fetchMessages,
  retryMessage,
} from '../../src/renderer/features/conversation/conversationSlice.js';
import { threadSelected } from '../../src/renderer/features/inbox/inboxSlice.js';
import type { SyncNotice } from '../../src/shared/contract.js';
import { message } from './renderer-fixtures.js';

const reducer = connectionSlice.reducer;
const notice = (n: number): SyncNotice => ({
  code: 'thread_taken',
  threadId: '01900000-0000-7000-8000-000000000001',
  threadNumber: n,
  messageId: null,
  detail: '',
});

describe('first-sync progress', () => {
  it('shows a percent while a catch-up pull runs, and nothing once it is done', () => {
    let state = reducer(undefined, { type: 'init' });
    expect(syncPercentOf(state)).toBeNull();
    state = reducer(state, syncProgress({ applied: 1000, remaining: 3000 }));
    expect(syncPercentOf(state)).toBe(25);
    state = reducer(state, syncProgress({ applied: 3999, remaining: 1 }));
    expect(syncPercentOf(state)).toBe(99);
    state = reducer(state, syncProgress({ applied: 4000, remaining: 0 }));
    expect(syncPercentOf(state)).toBeNull();
  });
});

describe('sync notices', () => {
  it('keeps the newest five and drops one when dismissed', () => {
    let state = reducer(undefined, { type: 'init' });
    for (let n = 1; n <= 7; n++) state = reducer(state, syncNotice(notice(n)));
    expect(state.notices.map((x) => x.threadNumber)).toEqual([3, 4, 5, 6, 7]);
    state = reducer(state, noticeDismissed(1));
    expect(state.notices.map((x) => x.threadNumber)).toEqual([3, 5, 6, 7]);
  });
});

describe('failed messages in the open conversation', () => {
  it('shows a retried message as pending again and removes a discarded one', () => {
    const conversation = conversationSlice.reducer;
    const failed = message({ threadId: 't1', status: 'failed', direction: 'out' });
    const other = message({ threadId: 't1', status: 'failed', direction: 'out' });
    let state = conversation(undefined, threadSelected('t1'));
    state = conversation(state, fetchMessages.fulfilled({ messages: [failed, other], hasMore: false }, 'r', 't1'));
    state = conversation(state, retryMessage.fulfilled({ ...failed, status: 'pending' }, 'r2', failed.id));
    expect(state.messages.find((m) => m.id === failed.id)?.status).toBe('pending');
    state = conversation(state, discardMessage.fulfilled({ messageId: other.id }, 'r3', other.id));
    expect(state.messages.map((m) => m.id)).toEqual([failed.id]);
  });
});

import { describe, expect, it } from 'vitest';
import { syncNotice, syncProgress } from '../../src/renderer/app/coreEvents.js';
import {
  connectionSlice,
  noticeDismissed,
  syncPercentOf,
} from '../../src/renderer/features/connection/connectionSlice.js';
import type { SyncNotice } from '../../src/shared/contract.js';

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

import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/domain.js';
import { hostLinkChanged, connectionChanged, sessionChanged } from '../../src/renderer/app/coreEvents.js';
import {
  charactersLeft,
  checkDraft,
  composerSlice,
  draftChanged,
  initialComposerState,
  sendMessage,
} from '../../src/renderer/features/composer/composerSlice.js';
import { badgeOf, connectionSlice } from '../../src/renderer/features/connection/connectionSlice.js';
import {
  conversationSlice,
  fetchMessages,
  initialConversationState,
  mergeMessages,
} from '../../src/renderer/features/conversation/conversationSlice.js';
import {
  fetchQueue,
  inboxSlice,
  initialInboxState,
  threadSelected,
} from '../../src/renderer/features/inbox/inboxSlice.js';
import { slaClock } from '../../src/renderer/features/inbox/sla.js';
import { initialSessionState, sessionSlice, signIn } from '../../src/renderer/features/session/sessionSlice.js';
import { formatCountdown } from '../../src/renderer/i18n/format.js';
import { agent, message, queueItem } from './renderer-fixtures.js';

const inbox = inboxSlice.reducer;
const composer = composerSlice.reducer;
const conversation = conversationSlice.reducer;

describe('inbox slice', () => {
  it('applies only the newest queue.list answer', () => {
    const older = fetchQueue.pending('r1', undefined);
    const newer = fetchQueue.pending('r2', undefined);
    let state = inbox(inbox(initialInboxState, older), newer);
    const fresh = [queueItem({ customerName: 'Fresh' })];
    state = inbox(state, fetchQueue.fulfilled({ items: fresh, total: 1 }, 'r2', undefined));
    state = inbox(
      state,
      fetchQueue.fulfilled({ items: [queueItem({ customerName: 'Stale' })], total: 9 }, 'r1', undefined),
    );
    expect(state.items.map((i) => i.customerName)).toEqual(['Fresh']);
    expect(state.total).toBe(1);
    expect(state.status).toBe('ready');
  });

  it('keeps the last good queue when a refetch fails', () => {
    let state = inbox(initialInboxState, fetchQueue.pending('r1', undefined));
    state = inbox(state, fetchQueue.fulfilled({ items: [queueItem()], total: 1 }, 'r1', undefined));
    state = inbox(state, fetchQueue.pending('r2', undefined));
    state = inbox(state, fetchQueue.rejected(null, 'r2', undefined, { code: 'hub_unreachable', message: 'x' }));
    expect(state.items).toHaveLength(1);
    expect(state.status).toBe('ready');
    expect(state.error?.code).toBe('hub_unreachable');
  });

  it('remembers the selection and forgets everything when the session ends', () => {
    let state = inbox(initialInboxState, threadSelected('t1'));
    expect(state.selectedId).toBe('t1');
    state = inbox(state, sessionChanged({ signedIn: false, agent: null, hubUrl: null }));
    expect(state).toEqual(initialInboxState);
    // A session that is still signed in does not reset anything.
    const kept = inbox(
      inbox(initialInboxState, threadSelected('t1')),
      sessionChanged({ signedIn: true, agent, hubUrl: null }),
    );
    expect(kept.selectedId).toBe('t1');
  });
});

describe('session slice', () => {
  it('tracks sign-in pending, failure and success', () => {
    const input = { hubUrl: 'http://127.0.0.1:8740', login: 'anna', password: 'pw' };
    let state = sessionSlice.reducer(initialSessionState, signIn.pending('r', input));
    expect(state.signIn.pending).toBe(true);
    state = sessionSlice.reducer(
      state,
      signIn.rejected(null, 'r', input, { code: 'invalid_credentials', message: 'no' }),
    );
    expect(state.signIn).toEqual({ pending: false, error: { code: 'invalid_credentials', message: 'no' } });
    expect(state.signedIn).toBe(false);
    state = sessionSlice.reducer(state, signIn.fulfilled({ signedIn: true, agent, hubUrl: input.hubUrl }, 'r', input));
    expect(state).toMatchObject({ signedIn: true, agent, phase: 'ready', signIn: { pending: false, error: null } });
  });
});

describe('composer slice', () => {
  const threadId = 't1';
  const arg = { threadId, text: 'Hi there' };

  it('keeps the text and shows the error when sending fails', () => {
    let state = composer(initialComposerState, draftChanged({ threadId, text: 'Hi there' }));
    state = composer(state, sendMessage.pending('r', arg));
    expect(state.sending[threadId]).toBe(true);
    state = composer(state, sendMessage.rejected(null, 'r', arg, { code: 'hub_unreachable', message: 'x' }));
    expect(state.drafts[threadId]).toBe('Hi there');
    expect(state.errors[threadId]?.code).toBe('hub_unreachable');
    expect(state.sending[threadId]).toBeUndefined();
  });

  it('clears the text once sent, unless the agent kept typing meanwhile', () => {
    const sent = message({ threadId, direction: 'out', text: 'Hi there', status: 'pending' });
    let state = composer(initialComposerState, draftChanged({ threadId, text: 'Hi there' }));
    state = composer(state, sendMessage.pending('r', arg));
    state = composer(state, sendMessage.fulfilled(sent, 'r', arg));
    expect(state.drafts[threadId]).toBeUndefined();

    state = composer(initialComposerState, draftChanged({ threadId, text: 'Hi there' }));
    state = composer(state, sendMessage.pending('r', arg));
    state = composer(state, draftChanged({ threadId, text: 'Hi there, and more' }));
    state = composer(state, sendMessage.fulfilled(sent, 'r', arg));
    expect(state.drafts[threadId]).toBe('Hi there, and more');
  });

  it('keeps drafts per thread', () => {
    let state = composer(initialComposerState, draftChanged({ threadId: 'a', text: 'for a' }));
    state = composer(state, draftChanged({ threadId: 'b', text: 'for b' }));
    expect(state.drafts).toEqual({ a: 'for a', b: 'for b' });
  });

  it('refuses empty and over-long text the way the contract counts it (trimmed)', () => {
    expect(checkDraft('   \n ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkDraft('  hi \n')).toEqual({ ok: true, text: 'hi' });
    expect(checkDraft('x'.repeat(LIMITS.messageText))).toMatchObject({ ok: true });
    expect(checkDraft('x'.repeat(LIMITS.messageText + 1))).toEqual({ ok: false, reason: 'tooLong' });
    expect(checkDraft(` ${'x'.repeat(LIMITS.messageText)} `)).toMatchObject({ ok: true });
    expect(charactersLeft('x'.repeat(LIMITS.messageText - 3))).toBe(3);
    expect(charactersLeft('x'.repeat(LIMITS.messageText + 2))).toBe(-2);
  });
});

describe('conversation slice', () => {
  it('merges pages by id in time order, the newer copy winning', () => {
    const a = message({ id: '0190a4c2-1d2e-7f00-8000-00000000000a', createdAt: 10 });
    const b = message({ id: '0190a4c2-1d2e-7f00-8000-00000000000b', createdAt: 20, status: 'pending' });
    const bSent = { ...b, status: 'sent' as const };
    const c = message({ id: '0190a4c2-1d2e-7f00-8000-00000000000c', createdAt: 5 });
    expect(mergeMessages([a, b], [bSent, c])).toEqual([c, a, bSent]);
  });

  it('ignores messages that arrive for a thread no longer open', () => {
    let state = conversation(initialConversationState, threadSelected('t1'));
    state = conversation(state, threadSelected('t2'));
    state = conversation(
      state,
      fetchMessages.fulfilled({ messages: [message({ threadId: 't1' })], hasMore: false }, 'r', 't1'),
    );
    expect(state.threadId).toBe('t2');
    expect(state.messages).toEqual([]);
    state = conversation(
      state,
      fetchMessages.fulfilled({ messages: [message({ threadId: 't2' })], hasMore: true }, 'r', 't2'),
    );
    expect(state.messages).toHaveLength(1);
    expect(state.hasMore).toBe(true);
  });

  it('says when older messages are only on the hub, until a page comes from the hub again', () => {
    let state = conversation(initialConversationState, threadSelected('t1'));
    state = conversation(state, fetchMessages.fulfilled({ messages: [], hasMore: false, olderOnHub: true }, 'r', 't1'));
    expect(state.olderOnHub).toBe(true);
    state = conversation(
      state,
      fetchMessages.fulfilled({ messages: [message({ threadId: 't1' })], hasMore: false }, 'r', 't1'),
    );
    expect(state.olderOnHub).toBe(false);
  });

  it('shows a sent message at once', () => {
    let state = conversation(initialConversationState, threadSelected('t1'));
    const sent = message({ threadId: 't1', direction: 'out', status: 'pending' });
    state = conversation(state, sendMessage.fulfilled(sent, 'r', { threadId: 't1', text: 'Hello' }));
    expect(state.messages).toEqual([sent]);
  });
});

describe('connection badge', () => {
  const reducer = connectionSlice.reducer;
  const core = (
    status: 'online' | 'offline' | 'reconnecting' | 'connecting' | 'signed_out',
    since: number | null = null,
    pendingMutations = 0,
  ) => connectionChanged({ status, since, pendingMutations, lastError: null });

  it('follows the core’s link to the hub, with pending mutations', () => {
    let state = reducer(undefined, { type: 'init' });
    expect(badgeOf(state).kind).toBe('connecting');
    state = reducer(state, core('online'));
    expect(badgeOf(state)).toEqual({ kind: 'online', since: null, pending: 0 });
    state = reducer(state, core('offline', 1234, 3));
    expect(badgeOf(state)).toEqual({ kind: 'offline', since: 1234, pending: 3 });
    state = reducer(state, core('reconnecting', 1234, 1));
    expect(badgeOf(state).kind).toBe('reconnecting');
  });

  it('says the app itself is unreachable when the host link is down, whatever the core said last', () => {
    let state = reducer(undefined, core('online'));
    state = reducer(state, hostLinkChanged({ link: 'down', at: 50 }));
    expect(badgeOf(state)).toEqual({ kind: 'hostLost', since: 50, pending: 0 });
    state = reducer(state, hostLinkChanged({ link: 'up', at: 60 }));
    expect(badgeOf(state).kind).toBe('online');
  });
});

describe('SLA clock', () => {
  it('counts down, warns in the last quarter of the target, then reports overdue', () => {
    expect(slaClock('webchat', null, 0)).toEqual({ kind: 'none' });
    expect(slaClock('webchat', 60_000, 0)).toEqual({ kind: 'ok', remainingMs: 60_000 });
    expect(slaClock('webchat', 60_000, 45_000)).toEqual({ kind: 'soon', remainingMs: 15_000 });
    expect(slaClock('webchat', 60_000, 60_000)).toEqual({ kind: 'overdue', overdueMs: 0 });
    expect(slaClock('webchat', 60_000, 61_500)).toEqual({ kind: 'overdue', overdueMs: 1_500 });
    expect(slaClock('email', 3_600_000, 0).kind).toBe('ok');
  });

  it('formats countdowns as m:ss or h:mm:ss', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(45_000)).toBe('0:45');
    expect(formatCountdown(-80_000)).toBe('1:20');
    expect(formatCountdown(12 * 60_000 + 3_000)).toBe('12:03');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(26 * 3_600_000)).toBe('26:00:00');
  });
});

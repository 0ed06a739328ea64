/**
 * Calls in the one queue, the renderer's part: the offered INVITE's headers, the SIP user reported
 * to the hub, the call logged onto its queue thread, hand-over targets, callback tasks in the queue.
 */
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/shared/contract.js';
import type { CallbackTask } from '../../src/shared/hubApi/callsApi.js';
import { CallRecord } from '../../src/shared/softphone/callLog.js';
import { callTransition, newCall, type CallThread } from '../../src/shared/softphone/callMachine.js';
import { offeredCall, reportableSipUser } from '../../src/shared/softphone/offeredCall.js';
import { SoftphoneAccount } from '../../src/shared/softphone/account.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createAppStore } from '../../src/renderer/app/store.js';
import { signIn } from '../../src/renderer/features/session/sessionSlice.js';
import {
  accountLoaded,
  callStarted,
  dialRequested,
  registrationChanged,
  softphoneSlice,
} from '../../src/renderer/features/softphone/softphoneSlice.js';
import { callRecordFor } from '../../src/renderer/features/softphone/callRecord.js';
import { startPhoneRegistrationReporter } from '../../src/renderer/features/softphone/phoneRegistrationReporter.js';
import { escalationGroup, targetValue, transferTarget } from '../../src/renderer/features/inbox/handOver.js';
import {
  completeCallback,
  fetchQueue,
  selectCallbacks,
  transferThread,
} from '../../src/renderer/features/inbox/inboxSlice.js';
import { agent, FakePlatform, flush } from './renderer-fixtures.js';

const SIGNED_IN: SessionState = { signedIn: true, agent, hubUrl: 'http://127.0.0.1:8740' };
const THREAD = uuidv7();

describe('an offered queued call', () => {
  const headers =
    (values: Record<string, string>) =>
    (name: string): string | undefined =>
      values[name];

  it('reads the thread, the wait and the line from the INVITE', () => {
    expect(
      offeredCall(headers({ 'X-Okno-Thread': ` ${THREAD} `, 'X-Okno-Waited-Ms': '42000', 'X-Okno-Line': 'Support' })),
    ).toEqual({ threadId: THREAD, kind: 'offered', waitedMs: 42000, line: 'Support' });
    expect(offeredCall(headers({ 'X-Okno-Thread': THREAD }))).toEqual({
      threadId: THREAD,
      kind: 'offered',
      waitedMs: null,
      line: null,
    });
  });

  it('is an ordinary call when the thread header is missing or malformed, and ignores a bad wait', () => {
    expect(offeredCall(headers({}))).toBeNull();
    expect(offeredCall(headers({ 'X-Okno-Thread': 'not-a-uuid' }))).toBeNull();
    expect(offeredCall(headers({ 'X-Okno-Thread': THREAD, 'X-Okno-Waited-Ms': '-5' }))?.waitedMs).toBeNull();
    expect(offeredCall(headers({ 'X-Okno-Thread': THREAD, 'X-Okno-Waited-Ms': '1e9' }))?.waitedMs).toBeNull();
  });

  it('is logged onto its thread, not as a new phone thread; other calls keep making their own', () => {
    const thread: CallThread = { threadId: THREAD, kind: 'offered', waitedMs: 1000, line: null };
    let call = newCall({ id: 'q', direction: 'inbound', remoteUri: 'sip:+79161234567@pbx', thread, at: 1000 });
    call = callTransition(call, { type: 'answer' });
    call = callTransition(call, { type: 'established', at: 2000 });
    call = callTransition(call, { type: 'ended', at: 9000, by: 'remote', reason: 'bye' });
    const ids = { newThreadId: uuidv7(), messageId: uuidv7() };
    const customer = { id: uuidv7(), name: 'Анна', phone: '+79161234567' };
    const record = callRecordFor(call, { lookup: 'done', e164: '+79161234567', customer }, undefined, ids);
    expect(record).toMatchObject({ threadId: THREAD, queuedThreadId: THREAD, customerId: customer.id });
    expect(CallRecord.parse(record)).toMatchObject({ queuedThreadId: THREAD });

    const plain = callTransition(newCall({ id: 'p', direction: 'outbound', remoteUri: 'sip:101@pbx', at: 0 }), {
      type: 'ended',
      at: 5,
      by: 'local',
      reason: 'cancel',
    });
    expect(callRecordFor(plain, undefined, undefined, ids)).toMatchObject({
      threadId: ids.newThreadId,
      queuedThreadId: null,
    });
    // Still ringing: nothing to log.
    const ringing = newCall({ id: 'r', direction: 'inbound', remoteUri: 'x', at: 0 });
    expect(callRecordFor(ringing, undefined, undefined, ids)).toBeNull();
  });

  it('keeps the thread in the store with the call, and a callback dial carries its thread', () => {
    const thread: CallThread = { threadId: THREAD, kind: 'callback', waitedMs: 0, line: null };
    let state = softphoneSlice.reducer(undefined, dialRequested('+79161234567', { thread }));
    expect(state.pendingDial).toEqual({ target: '+79161234567', confirm: false, thread });
    state = softphoneSlice.reducer(
      state,
      callStarted({ id: 'c', direction: 'outbound', remoteUri: 'sip:+79161234567@pbx', thread, at: 1 }),
    );
    expect(state.calls.c?.thread).toEqual(thread);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('the SIP user reported to the hub', () => {
  const account = SoftphoneAccount.parse({ serverUri: 'ws://127.0.0.1:8088', sipUri: 'sip:agent1@127.0.0.1' });
  const registration = (status: 'registered' | 'offline' | 'failed' | 'unconfigured') =>
    registrationChanged({ status, reason: null, retryAt: null, attempt: 0 });

  it('accepts only user names the hub takes', () => {
    expect(reportableSipUser('agent1')).toBe('agent1');
    expect(reportableSipUser('+7916')).toBe('+7916');
    expect(reportableSipUser('a%20b')).toBeNull();
    expect(reportableSipUser(undefined)).toBeNull();
  });

  it('is the user part while registered and null when the phone goes away; only while signed in, once per change', async () => {
    const platform = new FakePlatform()
      .on('session.signIn', () => SIGNED_IN)
      .on('softphone.registered', ({ sipUser }) => ({ sipUser }));
    const store = createAppStore(platform);
    const stop = startPhoneRegistrationReporter(platform, store);
    store.dispatch(accountLoaded(account));
    store.dispatch(registration('registered'));
    await flush();
    expect(platform.callsOf('softphone.registered')).toEqual([]);

    await store.dispatch(signIn({ hubUrl: 'http://127.0.0.1:8740', login: 'ann', password: 'secret' }));
    await flush();
    store.dispatch(registration('registered'));
    await flush();
    store.dispatch(registration('offline'));
    await flush();
    store.dispatch(registration('failed'));
    await flush();
    store.dispatch(registration('registered'));
    await flush();
    store.dispatch(registration('unconfigured'));
    await flush();
    expect(platform.callsOf('softphone.registered')).toEqual([
      { sipUser: 'agent1' },
      { sipUser: null },
      { sipUser: 'agent1' },
      { sipUser: null },
    ]);
    stop();
  });
});

describe('hand-over targets', () => {
  const first = { id: uuidv7(), name: 'First line', escalationGroupId: null as string | null, memberIds: [agent.id] };
  const second = { id: uuidv7(), name: 'Second line', escalationGroupId: null, memberIds: [] };
  first.escalationGroupId = second.id;

  it('turns the picked option and the note into thread.transfer’s target', () => {
    expect(transferTarget(targetValue('group', second.id), '  angry customer ')).toEqual({
      groupId: second.id,
      note: 'angry customer',
    });
    expect(transferTarget(targetValue('line', THREAD), '')).toEqual({ lineId: THREAD, note: '' });
    expect(transferTarget(targetValue('agent', agent.id), 'x')).toEqual({ agentId: agent.id, note: 'x' });
    expect(transferTarget('', 'note')).toBeNull();
  });

  it('escalates to the second line of the thread’s group, else of the agent’s group', () => {
    expect(escalationGroup({ groupId: first.id, assigneeId: null }, [first, second])?.id).toBe(second.id);
    expect(escalationGroup({ groupId: null, assigneeId: agent.id }, [first, second])?.id).toBe(second.id);
    expect(escalationGroup({ groupId: second.id, assigneeId: null }, [first, second])).toBeNull();
    expect(escalationGroup({ groupId: null, assigneeId: null }, [first, second])).toBeNull();
  });
});

describe('callback tasks in the queue', () => {
  const task = (over: Partial<CallbackTask> = {}): CallbackTask => ({
    threadId: uuidv7(),
    number: '+79161234567',
    lineId: null,
    requestedAt: 1000,
    waitedMs: 300_000,
    dueAt: 1000 + 30 * 60_000,
    state: 'open',
    result: null,
    ...over,
  });

  it('come with every queue refresh (open ones only) and leave when completed', async () => {
    const open = task();
    const done = task({ state: 'done', result: 'reached' });
    const platform = new FakePlatform()
      .on('session.signIn', () => SIGNED_IN)
      .on('queue.list', () => ({ items: [], total: 0 }))
      .on('callbacks.list', () => ({ callbacks: [open, done] }))
      .on('callback.complete', ({ threadId, result }) => ({
        thread: {
          id: threadId,
          number: 7,
          channel: 'phone',
          status: 'closed',
          customerId: uuidv7(),
          assigneeId: agent.id,
          subject: 'Callback',
          slaDueAt: null,
          lastMessageAt: 1,
          lastMessagePreview: '',
          createdAt: 1,
          updatedAt: 2,
        },
        callback: { ...open, state: 'done', result },
      }));
    const store = createAppStore(platform);
    await store.dispatch(fetchQueue());
    expect(Object.keys(selectCallbacks(store.getState()))).toEqual([open.threadId]);
    await store.dispatch(completeCallback({ threadId: open.threadId, result: 'no_answer' }));
    expect(platform.callsOf('callback.complete')).toEqual([{ threadId: open.threadId, result: 'no_answer' }]);
    expect(selectCallbacks(store.getState())).toEqual({});
  });

  it('hands a thread over through thread.transfer and reports the hub’s refusal', async () => {
    const platform = new FakePlatform().fail('thread.transfer', { code: 'conflict', message: 'closed' });
    const store = createAppStore(platform);
    const result = await store.dispatch(transferThread({ threadId: THREAD, to: { groupId: THREAD, note: '' } }));
    expect(transferThread.rejected.match(result) && result.payload?.code).toBe('conflict');
  });
});

import { describe, expect, it } from 'vitest';
import {
  accountLoaded,
  afterCallWorkEnded,
  callDismissed,
  callerFound,
  callEvent,
  callStarted,
  registrationChanged,
  selectCalls,
  selectLiveCallCount,
  softphoneSlice,
} from '../../src/renderer/features/softphone/softphoneSlice.js';
import { SoftphoneAccount } from '../../src/shared/softphone/account.js';

const reduce = softphoneSlice.reducer;
const select = <T>(selector: (s: { softphone: ReturnType<typeof reduce> }) => T, state: ReturnType<typeof reduce>) =>
  selector({ softphone: state });

describe('the softphone slice', () => {
  const account = SoftphoneAccount.parse({
    serverUri: 'ws://127.0.0.1:8088',
    sipUri: 'sip:agent1@127.0.0.1',
    afterCallWorkSeconds: 30,
  });

  it('holds plain call state moved by events, and starts after-call work after an answered call', () => {
    let state = reduce(undefined, accountLoaded(account));
    state = reduce(state, registrationChanged({ status: 'registered', reason: null, retryAt: null, attempt: 0 }));
    state = reduce(state, callStarted({ id: 'a', direction: 'inbound', remoteUri: 'sip:+79161234567@pbx', at: 1000 }));
    expect(select(selectLiveCallCount, state)).toBe(1);
    state = reduce(
      state,
      callerFound({
        id: 'a',
        caller: { lookup: 'done', e164: '+79161234567', customer: { id: 'c', name: 'Анна', phone: null } },
      }),
    );
    expect(state.calls.a?.remoteNumber).toBe('+79161234567');
    state = reduce(state, callEvent({ id: 'a', event: { type: 'answer' } }));
    state = reduce(state, callEvent({ id: 'a', event: { type: 'established', at: 2000 } }));
    state = reduce(state, callEvent({ id: 'a', event: { type: 'ended', at: 5000, by: 'remote', reason: 'bye' } }));
    expect(select(selectLiveCallCount, state)).toBe(0);
    expect(state.afterCallWorkUntil).toBe(35_000);
    // JSON round trip: nothing live in the store.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    state = reduce(state, afterCallWorkEnded());
    expect(state.afterCallWorkUntil).toBeNull();
    state = reduce(state, callDismissed('a'));
    expect(select(selectCalls, state)).toEqual([]);
  });

  it('ignores events for unknown calls and events that do not fit', () => {
    let state = reduce(undefined, callEvent({ id: 'nope', event: { type: 'hold', on: true } }));
    expect(state.calls).toEqual({});
    state = reduce(state, callStarted({ id: 'b', direction: 'outbound', remoteUri: 'sip:101@pbx', at: 0 }));
    const before = state.calls.b;
    state = reduce(state, callEvent({ id: 'b', event: { type: 'hold', on: true } }));
    expect(state.calls.b).toBe(before);
    // A missed call (never answered) starts no after-call work.
    state = reduce(state, callEvent({ id: 'b', event: { type: 'ended', at: 10, by: 'remote', reason: '486' } }));
    expect(state.afterCallWorkUntil).toBeNull();
    expect(state.calls.b?.endReason).toBe('486');
  });
});

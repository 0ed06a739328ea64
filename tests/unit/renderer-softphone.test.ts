import { describe, expect, it } from 'vitest';
import {
  accountLoaded,
  callDismissed,
  callerFound,
  callEvent,
  callStarted,
  registrationChanged,
  selectCalls,
  selectLiveCallCount,
  softphoneSlice,
  dialRequested,
  dialCleared,
  callNotesChanged,
  audioPrefsChanged,
  selectPendingDial,
  selectCallNotes,
} from '../../src/renderer/features/softphone/softphoneSlice.js';
import { callLinkOpened } from '../../src/renderer/app/coreEvents.js';
import {
  DEFAULT_AUDIO_PREFS,
  loadAudioPrefs,
  rmsLevel,
  saveAudioPrefs,
} from '../../src/renderer/features/softphone/audioPrefs.js';
import { SoftphoneAccount } from '../../src/shared/softphone/account.js';

const reduce = softphoneSlice.reducer;
const select = <T>(selector: (s: { softphone: ReturnType<typeof reduce> }) => T, state: ReturnType<typeof reduce>) =>
  selector({ softphone: state });

describe('the softphone slice', () => {
  const account = SoftphoneAccount.parse({
    serverUri: 'ws://127.0.0.1:8088',
    sipUri: 'sip:agent1@127.0.0.1',
  });

  it('loads an account saved with the old per-account after-call work, ignoring that field', () => {
    const old = SoftphoneAccount.parse({
      serverUri: 'ws://127.0.0.1:8088',
      sipUri: 'sip:agent1@127.0.0.1',
      afterCallWorkSeconds: 30,
    });
    expect(old).toEqual(account);
    expect('afterCallWorkSeconds' in old).toBe(false);
  });

  it('holds plain call state moved by events (after-call work is the hub’s, not the phone’s)', () => {
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
    expect('afterCallWorkUntil' in state).toBe(false);
    // JSON round trip: nothing live in the store.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
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
    state = reduce(state, callEvent({ id: 'b', event: { type: 'ended', at: 10, by: 'remote', reason: '486' } }));
    expect(state.calls.b?.endReason).toBe('486');
  });
});

describe('dial requests, call notes and audio choices', () => {
  it('queues a dial from anywhere: plain for click-to-call, asking first for links and OS links', () => {
    let state = reduce(undefined, dialRequested('+79161234567'));
    expect(select(selectPendingDial, state)).toEqual({ target: '+79161234567', confirm: false });
    state = reduce(state, dialRequested('sip:agent2@pbx', { confirm: true }));
    expect(state.pendingDial).toEqual({ target: 'sip:agent2@pbx', confirm: true });
    state = reduce(state, dialCleared());
    expect(state.pendingDial).toBeNull();
    state = reduce(state, callLinkOpened({ target: '89161234567' }));
    expect(state.pendingDial).toEqual({ target: '89161234567', confirm: true });
  });

  it('keeps notes and topic per live call and drops them with the card', () => {
    let state = reduce(undefined, callNotesChanged({ id: 'ghost', notes: 'lost' }));
    expect(state.notes).toEqual({});
    state = reduce(state, callStarted({ id: 'a', direction: 'inbound', remoteUri: 'sip:x@pbx', at: 0 }));
    state = reduce(state, callNotesChanged({ id: 'a', topic: 'Billing' }));
    state = reduce(state, callNotesChanged({ id: 'a', notes: 'Wants a refund' }));
    expect(select(selectCallNotes, state).a).toEqual({ topic: 'Billing', notes: 'Wants a refund' });
    state = reduce(state, callDismissed('a'));
    expect(state.notes).toEqual({});
  });

  it('carries the registration problem for the line status', () => {
    const state = reduce(
      undefined,
      registrationChanged({
        status: 'failed',
        reason: '403 Forbidden',
        problem: 'wrong_password',
        retryAt: null,
        attempt: 0,
      }),
    );
    expect(state.registration.problem).toBe('wrong_password');
  });

  it('stores the audio choices per machine and survives a broken stored value', () => {
    const memory = new Map<string, string>();
    const storage = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v),
    };
    expect(loadAudioPrefs(storage)).toEqual(DEFAULT_AUDIO_PREFS);
    saveAudioPrefs({ inputId: 'mic-1', outputId: 'spk-2', testCallTarget: '9196' }, storage);
    expect(loadAudioPrefs(storage)).toEqual({ inputId: 'mic-1', outputId: 'spk-2', testCallTarget: '9196' });
    memory.set('okno.softphone.audio', '{not json');
    expect(loadAudioPrefs(storage)).toEqual(DEFAULT_AUDIO_PREFS);
    memory.set('okno.softphone.audio', JSON.stringify({ inputId: 42, outputId: 'x'.repeat(500) }));
    expect(loadAudioPrefs(storage)).toEqual({ inputId: '', outputId: 'x'.repeat(300), testCallTarget: '' });
    let state = reduce(undefined, audioPrefsChanged({ outputId: 'spk-2' }));
    expect(state.audio).toEqual({ ...DEFAULT_AUDIO_PREFS, outputId: 'spk-2' });
    state = reduce(state, audioPrefsChanged({ inputId: 'mic-1' }));
    expect(state.audio.outputId).toBe('spk-2');
  });

  it('measures the microphone level as RMS, 0 for silence', () => {
    expect(rmsLevel([])).toBe(0);
    expect(rmsLevel(new Float32Array(512))).toBe(0);
    expect(rmsLevel([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
    expect(rmsLevel([3, -3])).toBe(1);
  });
});

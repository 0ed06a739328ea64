import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Customer } from '../../../shared/domain.js';
import { callLinkOpened } from '../../app/coreEvents.js';
import type { SoftphoneAccount } from '../../../shared/softphone/account.js';
import {
  callTransition,
  isLive,
  newCall,
  type CallEvent,
  type CallState,
  type CallThread,
  type NewCall,
} from '../../../shared/softphone/callMachine.js';
import type { RegistrationState } from '../../../shared/softphone/registration.js';
import { DEFAULT_AUDIO_PREFS, type AudioPrefs } from './audioPrefs.js';

export interface CallerInfo {
  lookup: 'pending' | 'done';
  e164: string | null;
  customer: Pick<Customer, 'id' | 'name' | 'phone'> | null;
  /** A queued call's thread as the cache knows it (number and subject for the card). */
  thread?: { number: number; subject: string } | null;
}

/** The agent's own words about a call: kept from the first ring, sent with the call record. */
export interface CallNotes {
  notes: string;
  topic: string;
}

/** A call asked for from elsewhere in the app (a tel:/sip: link, a customer card). */
export interface DialRequest {
  target: string;
  /** Links ask first; a deliberate click-to-call does not. */
  confirm: boolean;
  /** The queue thread the call is for (a callback task): the call is logged onto it. */
  thread?: CallThread;
}

export interface SoftphoneState {
  /** The saved account without its password; null until loaded or when none is saved. */
  account: SoftphoneAccount | null;
  accountLoaded: boolean;
  registration: RegistrationState;
  /** Calls by SIP.js session id, plain data only; ended calls stay until dismissed. */
  calls: Record<string, CallState>;
  callOrder: string[];
  callers: Record<string, CallerInfo>;
  /** A call the agent could not place or control: an i18n key under softphone.errors, with detail. */
  error: { key: string; detail: string | null } | null;
  /** Calls refused with 486 while not ready or busy. */
  busyRejected: number;
  /** Attended transfer: consult call id → the call waiting on hold for it. */
  consultOf: Record<string, string>;
  /** Notes and topic by call id. */
  notes: Record<string, CallNotes>;
  pendingDial: DialRequest | null;
  /** Microphone, speaker and test-call target (this machine's). */
  audio: AudioPrefs;
}

const initialState: SoftphoneState = {
  account: null,
  accountLoaded: false,
  registration: { status: 'unconfigured', reason: null, retryAt: null, attempt: 0 },
  calls: {},
  callOrder: [],
  callers: {},
  error: null,
  busyRejected: 0,
  consultOf: {},
  notes: {},
  pendingDial: null,
  audio: DEFAULT_AUDIO_PREFS,
};

export const softphoneSlice = createSlice({
  name: 'softphone',
  initialState,
  reducers: {
    accountLoaded(state, action: PayloadAction<SoftphoneAccount | null>) {
      state.account = action.payload;
      state.accountLoaded = true;
    },
    registrationChanged(state, action: PayloadAction<RegistrationState>) {
      state.registration = action.payload;
    },
    callStarted(state, action: PayloadAction<NewCall>) {
      const call = newCall(action.payload);
      state.calls[call.id] = call;
      state.callOrder = [...state.callOrder.filter((id) => state.calls[id] && isLive(state.calls[id])), call.id];
      state.error = null;
    },
    callEvent(state, action: PayloadAction<{ id: string; event: CallEvent }>) {
      const call = state.calls[action.payload.id];
      if (!call) return;
      // After-call work is the hub's (agent status, decision 0015): the controller reports the end.
      state.calls[call.id] = callTransition(call, action.payload.event);
    },
    callerFound(state, action: PayloadAction<{ id: string; caller: CallerInfo }>) {
      state.callers[action.payload.id] = action.payload.caller;
      const call = state.calls[action.payload.id];
      if (call && action.payload.caller.e164) call.remoteNumber = action.payload.caller.e164;
    },
    consultStarted(state, action: PayloadAction<{ consultId: string; originalId: string }>) {
      state.consultOf[action.payload.consultId] = action.payload.originalId;
    },
    callNotesChanged(state, action: PayloadAction<{ id: string } & Partial<CallNotes>>) {
      const { id, ...change } = action.payload;
      if (!state.calls[id]) return;
      state.notes[id] = { notes: '', topic: '', ...state.notes[id], ...change };
    },
    dialRequested: {
      reducer(state, action: PayloadAction<DialRequest>) {
        state.pendingDial = action.payload;
      },
      prepare(target: string, options: { confirm?: boolean; thread?: CallThread } = {}) {
        const payload: DialRequest = { target, confirm: options.confirm ?? false };
        if (options.thread) payload.thread = options.thread;
        return { payload };
      },
    },
    dialCleared(state) {
      state.pendingDial = null;
    },
    audioPrefsChanged(state, action: PayloadAction<Partial<AudioPrefs>>) {
      state.audio = { ...state.audio, ...action.payload };
    },
    callDismissed(state, action: PayloadAction<string>) {
      delete state.notes[action.payload];
      delete state.consultOf[action.payload];
      delete state.calls[action.payload];
      delete state.callers[action.payload];
      state.callOrder = state.callOrder.filter((id) => id !== action.payload);
    },
    busyRejected(state) {
      state.busyRejected += 1;
    },
    failed(state, action: PayloadAction<{ key: string; detail: string | null }>) {
      state.error = action.payload;
    },
    errorDismissed(state) {
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    // A tel:/sip: link the OS opened the desktop app with: asked like a link clicked in the page.
    builder.addCase(callLinkOpened, (state, action) => {
      state.pendingDial = { target: action.payload.target, confirm: true };
    });
  },
  selectors: {
    selectSoftphoneAccount: (state) => state.account,
    selectAccountLoaded: (state) => state.accountLoaded,
    selectRegistration: (state) => state.registration,
    selectCalls: (state) => state.callOrder.map((id) => state.calls[id]).filter((c): c is CallState => Boolean(c)),
    selectCallers: (state) => state.callers,
    selectLiveCallCount: (state) => Object.values(state.calls).filter(isLive).length,
    selectSoftphoneError: (state) => state.error,
    selectBusyRejected: (state) => state.busyRejected,
    selectConsultOf: (state) => state.consultOf,
    selectCallNotes: (state) => state.notes,
    selectPendingDial: (state) => state.pendingDial,
    selectAudioPrefs: (state) => state.audio,
  },
});

export const {
  accountLoaded,
  registrationChanged,
  callStarted,
  callEvent,
  callerFound,
  callDismissed,
  consultStarted,
  callNotesChanged,
  dialRequested,
  dialCleared,
  audioPrefsChanged,
  busyRejected,
  failed,
  errorDismissed,
} = softphoneSlice.actions;

export const {
  selectSoftphoneAccount,
  selectAccountLoaded,
  selectRegistration,
  selectCalls,
  selectCallers,
  selectLiveCallCount,
  selectSoftphoneError,
  selectBusyRejected,
  selectConsultOf,
  selectCallNotes,
  selectPendingDial,
  selectAudioPrefs,
} = softphoneSlice.selectors;

/**
 * Wires the softphone service to the store and the core, once, at the composition root: service
 * events become actions, the account comes from the core, the caller is looked up by number,
 * the ringtone follows ringing calls, and after-call work ends on its own.
 */
import type { TransferTarget } from '../../../shared/hubApi/callsApi.js';
import type { SoftphoneAccount } from '../../../shared/softphone/account.js';
import { incomingDecision, isLive, type CallThread } from '../../../shared/softphone/callMachine.js';
import { dialTarget, parseSipUri, webSocketOrigin } from '../../../shared/softphone/sipUri.js';
import { uuidv7 } from '../../../shared/ids.js';
import { createLogger } from '../../../shared/log.js';
import { toE164 } from '../../../shared/softphone/phoneNumber.js';
import type { AppStore } from '../../app/store.js';
import type { Platform } from '../../platform/platform.js';
import { callEnded } from '../agentStatus/agentStatusSlice.js';
import { threadSelected } from '../inbox/inboxSlice.js';
import { startPhoneRegistrationReporter } from './phoneRegistrationReporter.js';
import { loadAudioPrefs, saveAudioPrefs, type AudioPrefs } from './audioPrefs.js';
import { takeCallQuality } from '../callQuality/callQualityLedger.js';
import { callRecordFor } from './callRecord.js';
import { createRingtone, type Ringtone } from './ringtone.js';
import { createSoftphoneService, type SoftphoneService } from './softphoneService.js';
import {
  accountLoaded,
  audioPrefsChanged,
  dialCleared,
  busyRejected,
  callerFound,
  callEvent,
  callStarted,
  consultStarted,
  failed,
  registrationChanged,
} from './softphoneSlice.js';

const log = createLogger('softphone');
/** Waits before each look-up of a queued call's thread (the hub's sync may still be on its way). */
const THREAD_WAITS_MS = [0, 250, 500, 1000, 2000];

export interface Softphone {
  service: SoftphoneService;
  /**
   * Dials what the agent typed or clicked (a number in any notation, an extension, sip:/tel:):
   * validated and normalized first; false (with a translated error shown) when refused. Other
   * features dispatch `dialRequested(number)` from softphoneSlice instead of calling this.
   */
  dial(text: string, options?: { thread?: CallThread }): Promise<boolean>;
  /** Dials the test-call target from the audio settings (an echo extension where the PBX has one). */
  testCall(): Promise<boolean>;
  /** Sends the call's notes and topic to its phone thread (after the call was logged). */
  saveNotes(id: string): Promise<boolean>;
  setAudioPrefs(prefs: Partial<AudioPrefs>): void;
  transfer(id: string, text: string): Promise<boolean>;
  /**
   * Hands the call's queue thread to a group, a line or an agent (thread.transfer, with the agent's
   * note), then blind-transfers the caller to the SIP address the hub answers with.
   */
  transferToQueue(id: string, to: TransferTarget): Promise<boolean>;
  /**
   * Hangs up; a queue call on a line that rates is handed to the hub's one-time rating address
   * instead (a blind transfer), so the caller can rate it by a digit (issue 16). Any trouble: a plain hang-up.
   */
  hangUp(id: string): Promise<void>;
  consult(id: string, text: string): Promise<boolean>;
  completeTransfer(id: string): Promise<void>;
  saveAccount(account: SoftphoneAccount, password: string | null): Promise<void>;
  dispose(): void;
}

export function createSoftphone(
  platform: Platform,
  store: AppStore,
  options: {
    ringtone?: Ringtone;
    reload?: () => void;
    /** A desktop notification for an incoming call (the caller's name or number). */
    notifyIncoming?: (who: string) => void;
  } = {},
): Softphone {
  const ringtone = options.ringtone ?? createRingtone();
  /** Calls already sent to the core: the thread their notes go to, and the notes as sent. */
  const logged = new Map<string, { threadId: string; notes: string; topic: string }>();
  const reload = options.reload ?? (() => window.location.reload());
  const { dispatch, getState } = store;

  const service = createSoftphoneService({
    decideIncoming: () => {
      const state = getState();
      return incomingDecision({
        agentStatus: state.session.agent?.status ?? 'offline',
        liveCalls: Object.values(state.softphone.calls).filter(isLive).length,
      });
    },
    onEvent: (event) => {
      switch (event.type) {
        case 'registration':
          dispatch(
            registrationChanged({
              status: event.status,
              reason: event.reason,
              problem: event.problem,
              retryAt: event.retryAt,
              attempt: event.attempt,
            }),
          );
          return;
        case 'callStarted':
          dispatch(callStarted(event.call));
          if (event.consultFor) dispatch(consultStarted({ consultId: event.call.id, originalId: event.consultFor }));
          if (event.call.thread) {
            // A call of the queue: its thread (and the customer on it) is known, no matching by number.
            if (event.call.thread.kind === 'offered') dispatch(threadSelected(event.call.thread.threadId));
            void lookUpThread(event.call.id, event.call.thread.threadId, event.remoteUser);
          } else {
            void lookUpCaller(event.call.id, event.remoteUser);
          }
          if (event.call.direction === 'inbound') {
            options.notifyIncoming?.(event.call.remoteName || event.remoteUser || event.call.remoteUri);
          }
          return;
        case 'call':
          dispatch(callEvent({ id: event.id, event: event.event }));
          if (event.event.type === 'ended') {
            void logCall(event.id);
            // An answered call's end starts after-call work on the hub (agentStatus owns its length).
            if ((getState().softphone.calls[event.id]?.answeredAt ?? null) !== null) void dispatch(callEnded());
          }
          return;
        case 'busyRejected':
          dispatch(busyRejected());
          return;
      }
    },
  });

  /** Every finished call becomes a phone thread: the core queues it for the hub. */
  async function logCall(id: string): Promise<void> {
    const state = getState().softphone;
    const call = state.calls[id];
    if (!call) return;
    const record = callRecordFor(call, state.callers[id], state.notes[id], {
      newThreadId: uuidv7(),
      messageId: uuidv7(),
    });
    // What the call card's quality tracker saw (decision 0040) goes with the record.
    const quality = takeCallQuality(id);
    if (!record) return;
    if (quality) record.quality = quality;
    logged.set(id, { threadId: record.threadId, notes: record.notes, topic: record.topic });
    try {
      await platform.invoke('call.record', record);
    } catch (error) {
      log.warn('the call was not logged', { error: String(error) });
    }
  }

  /**
   * The caller of a queued call is the customer on its thread. The hub made the thread when the call
   * arrived; the INVITE may outrun its sync to this app, so a missing thread is asked for again a few
   * times before the number is matched instead.
   */
  async function lookUpThread(id: string, threadId: string, remoteUser: string): Promise<void> {
    for (const wait of THREAD_WAITS_MS) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (!getState().softphone.calls[id]) return;
      try {
        const { thread, customer } = await platform.invoke('thread.get', { threadId });
        dispatch(
          callerFound({
            id,
            caller: {
              lookup: 'done',
              e164: customer?.phone ?? toE164(remoteUser),
              customer: customer ? { id: customer.id, name: customer.name, phone: customer.phone } : null,
              thread: { number: thread.number, subject: thread.subject },
            },
          }),
        );
        return;
      } catch (error) {
        log.warn('the queued call’s thread is not here yet', { error: String(error) });
      }
    }
    await lookUpCaller(id, remoteUser);
  }

  async function lookUpCaller(id: string, remoteUser: string): Promise<void> {
    try {
      const found = await platform.invoke('customer.findByPhone', { phone: remoteUser || '-' });
      dispatch(
        callerFound({
          id,
          caller: {
            lookup: 'done',
            e164: found.e164,
            customer: found.customer
              ? { id: found.customer.id, name: found.customer.name, phone: found.customer.phone }
              : null,
          },
        }),
      );
    } catch (error) {
      log.warn('caller lookup failed', { error: String(error) });
      dispatch(callerFound({ id, caller: { lookup: 'done', e164: null, customer: null } }));
    }
  }

  const stopPhoneReporter = startPhoneRegistrationReporter(platform, store);

  let started = false;
  async function startFromCore(): Promise<void> {
    started = true;
    try {
      const { account, password } = await platform.invoke('softphone.getAccount', {});
      dispatch(accountLoaded(account));
      if (account) await service.start(account, password);
    } catch (error) {
      log.warn('the softphone could not start', { error: String(error) });
      dispatch(failed({ key: 'start', detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  const applyAudio = (prefs: AudioPrefs) => {
    service.setAudioDevices({ inputId: prefs.inputId, outputId: prefs.outputId });
    ringtone.setOutput(prefs.outputId);
  };
  const initialAudio = loadAudioPrefs();
  dispatch(audioPrefsChanged(initialAudio));
  applyAudio(initialAudio);

  let ringing = false;
  const unsubscribe = store.subscribe(() => {
    const state = getState();
    const request = state.softphone.pendingDial;
    if (request && !request.confirm) {
      dispatch(dialCleared());
      void dial(request.target, request.thread ? { thread: request.thread } : {});
    }
    if (state.session.signedIn && !started) void startFromCore();
    if (!state.session.signedIn && started) {
      started = false;
      void service.stop();
    }
    const nowRinging = Object.values(state.softphone.calls).some((c) => c.phase === 'ringing');
    if (nowRinging !== ringing) {
      ringing = nowRinging;
      if (nowRinging) ringtone.start();
      else ringtone.stop();
    }
  });

  /** The account's host, with its port when the SIP address names one (a PBX on a non-default port). */
  function domain(): string | null {
    const account = getState().softphone.account;
    const parts = account ? parseSipUri(account.sipUri) : null;
    if (!parts) return null;
    return parts.port === null ? parts.host : `${parts.host}:${parts.port}`;
  }

  function target(text: string): string | null {
    const host = domain();
    if (!host) {
      dispatch(failed({ key: 'noAccount', detail: null }));
      return null;
    }
    const result = dialTarget(text, host);
    if (!result.ok) {
      dispatch(failed({ key: result.problem === 'bad_sip_uri' ? 'badSipUri' : 'badNumber', detail: text }));
      return null;
    }
    return result.uri;
  }

  async function dial(text: string, options: { thread?: CallThread } = {}): Promise<boolean> {
    const uri = target(text);
    if (!uri) return false;
    if (getState().softphone.registration.status !== 'registered') {
      dispatch(failed({ key: 'notRegistered', detail: null }));
      return false;
    }
    try {
      await service.call(uri, options);
      return true;
    } catch (error) {
      dispatch(failed({ key: 'callFailed', detail: error instanceof Error ? error.message : String(error) }));
      return false;
    }
  }

  return {
    service,
    dial,
    async testCall() {
      const to = getState().softphone.audio.testCallTarget.trim();
      if (to === '') {
        dispatch(failed({ key: 'noTestTarget', detail: null }));
        return false;
      }
      return dial(to);
    },
    async saveNotes(id) {
      const sent = logged.get(id);
      const current = getState().softphone.notes[id];
      if (!sent || !current) return false;
      const notes = current.notes;
      const topic = current.topic.trim();
      if (notes === sent.notes && topic === sent.topic) return true;
      if (notes.trim() === '' && topic === '') return true;
      try {
        await platform.invoke('call.note', { threadId: sent.threadId, messageId: uuidv7(), notes, topic });
        logged.set(id, { ...sent, notes, topic });
        return true;
      } catch (error) {
        dispatch(failed({ key: 'notesFailed', detail: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
    setAudioPrefs(prefs) {
      dispatch(audioPrefsChanged(prefs));
      const next = getState().softphone.audio;
      saveAudioPrefs(next);
      applyAudio(next);
    },
    async transfer(id, text) {
      const uri = target(text);
      if (!uri) return false;
      try {
        await service.transfer(id, uri);
        return true;
      } catch (error) {
        dispatch(failed({ key: 'transferFailed', detail: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
    async hangUp(id) {
      const call = getState().softphone.calls[id];
      const talking = call?.phase === 'established' || call?.phase === 'held';
      if (call?.thread && call.direction === 'inbound' && talking) {
        try {
          const { address } = await platform.invoke('csat.ratingAddress', { threadId: call.thread.threadId });
          const uri = address ? target(address) : null;
          if (uri) await service.transfer(id, uri);
        } catch {
          // The rating is a courtesy: a hub that cannot be asked never keeps the agent on the line.
        }
      }
      // After a transfer the leg is already ending and this does nothing.
      await service.hangUp(id);
    },
    async transferToQueue(id, to) {
      const thread = getState().softphone.calls[id]?.thread;
      if (!thread) return false;
      try {
        const { sipTarget } = await platform.invoke('thread.transfer', { threadId: thread.threadId, to });
        if (!sipTarget) {
          dispatch(failed({ key: 'transferFailed', detail: null }));
          return false;
        }
        // The hub answers a user part (xfer-…) on the PBX this softphone is registered to.
        const uri = target(sipTarget);
        if (!uri) return false;
        await service.transfer(id, uri);
        return true;
      } catch (error) {
        dispatch(failed({ key: 'transferFailed', detail: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
    async consult(id, text) {
      const uri = target(text);
      if (!uri) return false;
      try {
        await service.consult(id, uri);
        return true;
      } catch (error) {
        dispatch(failed({ key: 'transferFailed', detail: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
    async completeTransfer(id) {
      const { consultOf, calls } = getState().softphone;
      const consultId = Object.keys(consultOf).find((c) => consultOf[c] === id && calls[c]?.phase === 'established');
      if (!consultId) return;
      try {
        await service.completeTransfer(id, consultId);
      } catch (error) {
        dispatch(failed({ key: 'transferFailed', detail: error instanceof Error ? error.message : String(error) }));
      }
    },
    async saveAccount(account, password) {
      const before = getState().softphone.account;
      const saved = await platform.invoke('softphone.saveAccount', { account, password });
      dispatch(accountLoaded(saved.account));
      // The page's CSP allows only the PBX it was loaded with: a new PBX needs a fresh page.
      if (webSocketOrigin(before?.serverUri ?? '') !== webSocketOrigin(saved.account.serverUri)) {
        reload();
        return;
      }
      const { password: stored } = await platform.invoke('softphone.getAccount', {});
      await service.start(saved.account, stored);
    },
    dispose() {
      unsubscribe();
      stopPhoneReporter();
      ringtone.stop();
      void service.stop();
    },
  };
}

/**
 * The softphone service: owns the SIP.js UserAgent, Registerer and Sessions (live objects that
 * never enter the store). It reports what happens as plain events; the store's slice turns
 * them into registration and call state. Commands come from the UI through `useSoftphone()`.
 */
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
  type UserAgentOptions,
} from 'sip.js';
import type {
  SessionDescriptionHandler,
  SessionDescriptionHandlerOptions as WebSdhOptions,
} from 'sip.js/lib/platform/web/index.js';
import { createLogger } from '../../../shared/log.js';
import type { DtmfMode, SoftphoneAccount } from '../../../shared/softphone/account.js';
import type { CallEvent, CallParty, CallThread, NewCall } from '../../../shared/softphone/callMachine.js';
import { offeredCall } from '../../../shared/softphone/offeredCall.js';
import {
  registerRefusal,
  reRegisterDelay,
  type RegistrationProblem,
  type RegistrationStatus,
} from '../../../shared/softphone/registration.js';
import { parseSipUri } from '../../../shared/softphone/sipUri.js';
import { microphoneConstraints, routeToSpeaker } from './audioDevices.js';

const log = createLogger('softphone');

export type SoftphoneEvent =
  | {
      type: 'registration';
      status: RegistrationStatus;
      reason: string | null;
      problem: RegistrationProblem | null;
      retryAt: number | null;
      attempt: number;
    }
  | { type: 'callStarted'; call: NewCall; remoteUser: string; consultFor?: string }
  | { type: 'call'; id: string; event: CallEvent }
  | { type: 'busyRejected'; remoteUri: string };

export interface SoftphoneDeps {
  onEvent(event: SoftphoneEvent): void;
  /** Whether a new incoming call may ring now (else 486 Busy Here). */
  decideIncoming(): 'ring' | 'busy';
  now?: () => number;
}

export interface SoftphoneService {
  start(account: SoftphoneAccount, password: string | null): Promise<void>;
  stop(): Promise<void>;
  /**
   * Places a call; `consultFor` makes it the consult leg of that call, `thread` ties it to a queue thread.
   * `earlyMedia` plays the answer of a 183 (the shift check never gets a 200); `detached` keeps the call out
   * of the app's call list and log (its owner follows it through peerConnection(id), null once it ended).
   */
  call(
    targetUri: string,
    options?: { consultFor?: string; thread?: CallThread; earlyMedia?: boolean; detached?: boolean },
  ): Promise<string | null>;
  /** Attended transfer, step 1: the caller waits on hold while the agent calls the target. */
  consult(id: string, targetUri: string): Promise<string | null>;
  /** Attended transfer, step 2: REFER with Replaces hands the caller to the consulted party. */
  completeTransfer(id: string, consultId: string): Promise<void>;
  answer(id: string): Promise<void>;
  decline(id: string): Promise<void>;
  hangUp(id: string): Promise<void>;
  setHold(id: string, on: boolean): Promise<void>;
  setMuted(id: string, on: boolean): void;
  sendDtmf(id: string, digit: string): Promise<void>;
  transfer(id: string, targetUri: string): Promise<void>;
  /** Microphone and speaker for the calls that follow (and the speaker of calls up now). */
  setAudioDevices(devices: { inputId: string; outputId: string }): void;
  /** The call's media connection, for its quality figures and a lead's barge-in mix; null when it has none yet. */
  peerConnection(id: string): RTCPeerConnection | null;
}

interface LiveCall {
  session: Session;
  /** Set when we end the call, so the Terminated state is attributed to us. */
  endedBy: CallParty | null;
  reason: string | null;
  audio: HTMLAudioElement | null;
}

function sdhOf(session: Session): SessionDescriptionHandler | null {
  const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
  return sdh ?? null;
}

export function createSoftphoneService(deps: SoftphoneDeps): SoftphoneService {
  const now = deps.now ?? Date.now;
  let ua: UserAgent | null = null;
  let registerer: Registerer | null = null;
  let dtmfMode: DtmfMode = 'rfc4733';
  let stopping = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let lastRegisterFailure: string | null = null;
  const calls = new Map<string, LiveCall>();
  let devices = { inputId: '', outputId: '' };
  const media = () => ({ constraints: microphoneConstraints(devices.inputId) });

  const emitRegistration = (
    status: RegistrationStatus,
    reason: string | null = null,
    retryAt: number | null = null,
    problem: RegistrationProblem | null = null,
  ) => deps.onEvent({ type: 'registration', status, reason, problem, retryAt, attempt });

  const callEvent = (id: string, event: CallEvent) => deps.onEvent({ type: 'call', id, event });

  function clearRetry(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  }

  /** The WebSocket dropped or registering failed: try again later, growing the wait each time. */
  function scheduleRetry(reason: string): void {
    if (stopping || !ua) return;
    clearRetry();
    const delay = reRegisterDelay(attempt);
    attempt += 1;
    emitRegistration('offline', reason, now() + delay, 'unreachable');
    retryTimer = setTimeout(() => void connectAndRegister(), delay);
  }

  async function connectAndRegister(): Promise<void> {
    retryTimer = null;
    if (!ua || !registerer || stopping) return;
    try {
      emitRegistration('connecting');
      if (!ua.isConnected()) {
        if (ua.state === 'Started') await ua.reconnect();
        else await ua.start();
      }
      emitRegistration('registering');
      lastRegisterFailure = null;
      await registerer.register({
        requestDelegate: {
          // After a reconnect the Registerer may already think it is registered: no state change
          // would come, so the 200 OK itself says so.
          onAccept: () => {
            attempt = 0;
            emitRegistration('registered');
          },
          onReject: (response) => {
            lastRegisterFailure = `${response.message.statusCode} ${response.message.reasonPhrase}`;
            // A refusal (wrong password, unknown user) is not retried: the agent has to fix it.
            emitRegistration('failed', lastRegisterFailure, null, registerRefusal(response.message.statusCode ?? 0));
          },
        },
      });
    } catch (error) {
      scheduleRetry(error instanceof Error ? error.message : String(error));
    }
  }

  function attachRemoteAudio(id: string, session: Session): void {
    const live = calls.get(id);
    const pc = sdhOf(session)?.peerConnection;
    if (!live || !pc) return;
    const stream = new MediaStream();
    for (const receiver of pc.getReceivers()) if (receiver.track) stream.addTrack(receiver.track);
    const audio = live.audio ?? new Audio();
    audio.autoplay = true;
    audio.srcObject = stream;
    live.audio = audio;
    void routeToSpeaker(audio, devices.outputId).finally(() => {
      audio.play().catch((error: unknown) => log.warn('remote audio does not play', { error: String(error) }));
    });
  }

  function track(id: string, session: Session): void {
    calls.set(id, { session, endedBy: null, reason: null, audio: null });
    session.stateChange.addListener((state) => {
      const live = calls.get(id);
      if (!live) return;
      if (state === SessionState.Established) {
        attachRemoteAudio(id, session);
        callEvent(id, { type: 'established', at: now() });
      } else if (state === SessionState.Terminated) {
        if (live.audio) live.audio.srcObject = null;
        calls.delete(id);
        const at = now();
        // SIP.js reports Terminated before it hands the final response to onReject: read the reason after.
        queueMicrotask(() =>
          callEvent(id, { type: 'ended', at, by: live.endedBy ?? 'remote', reason: live.reason ?? 'bye' }),
        );
      }
    });
  }

  function onInvite(invitation: Invitation): void {
    const remote = invitation.remoteIdentity;
    const remoteUri = remote.uri.toString();
    if (deps.decideIncoming() === 'busy') {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      deps.onEvent({ type: 'busyRejected', remoteUri });
      return;
    }
    const id = invitation.id;
    // A queued call the hub offered: its INVITE names the thread made when the caller arrived.
    const thread = offeredCall((name) => invitation.request.getHeader(name));
    track(id, invitation);
    const live = calls.get(id);
    invitation.delegate = {
      onCancel: () => {
        if (live) live.reason = 'cancel';
      },
    };
    deps.onEvent({
      type: 'callStarted',
      remoteUser: remote.uri.user ?? '',
      call: { id, direction: 'inbound', remoteUri, remoteName: remote.displayName || null, thread, at: now() },
    });
  }

  function session(id: string): LiveCall {
    const live = calls.get(id);
    if (!live) throw new Error(`no call ${id}`);
    return live;
  }

  async function reInviteHold(live: LiveCall, on: boolean): Promise<boolean> {
    const sdhOptions: WebSdhOptions = { ...live.session.sessionDescriptionHandlerOptionsReInvite, hold: on };
    live.session.sessionDescriptionHandlerOptionsReInvite = sdhOptions;
    return new Promise<boolean>((resolve) => {
      live.session
        .invite({ requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) } })
        .catch(() => resolve(false));
    });
  }

  return {
    async start(account, password) {
      await this.stop();
      stopping = false;
      attempt = 0;
      dtmfMode = account.dtmfMode;
      const uri = UserAgent.makeURI(account.sipUri);
      const parts = parseSipUri(account.sipUri);
      if (!uri || !parts) {
        emitRegistration('failed', account.sipUri, null, 'bad_address');
        return;
      }
      const options: UserAgentOptions = {
        uri,
        transportOptions: { server: account.serverUri },
        authorizationUsername: account.authUser || parts.user,
        authorizationPassword: password ?? undefined,
        displayName: account.displayName || undefined,
        logBuiltinEnabled: false,
        logLevel: 'warn',
        logConnector: (level, category, _label, content) => {
          if (level === 'error' || level === 'warn') log.warn(content, { category });
        },
        sessionDescriptionHandlerFactoryOptions: {
          peerConnectionConfiguration: { iceServers: account.iceServers.map((urls) => ({ urls })) },
          iceGatheringTimeout: 500,
        },
        delegate: {
          onInvite,
          onDisconnect: (error) => {
            if (!stopping) scheduleRetry(error?.message ?? 'the PBX connection closed');
          },
        },
      };
      if (account.outboundProxy) options.preloadedRouteSet = [`<${account.outboundProxy};lr>`];
      ua = new UserAgent(options);
      registerer = new Registerer(ua, { expires: 300 });
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) {
          attempt = 0;
          emitRegistration('registered');
        } else if (state === RegistererState.Unregistered && !stopping && lastRegisterFailure === null) {
          emitRegistration('offline', 'unregistered');
        }
      });
      await connectAndRegister();
    },

    async stop() {
      stopping = true;
      clearRetry();
      for (const [id] of calls) await this.hangUp(id).catch(() => undefined);
      const current = ua;
      const currentRegisterer = registerer;
      ua = null;
      registerer = null;
      if (currentRegisterer && currentRegisterer.state === RegistererState.Registered) {
        await currentRegisterer.unregister().catch(() => undefined);
      }
      if (current) await current.stop().catch(() => undefined);
      emitRegistration('unconfigured');
    },

    async call(targetUri, { consultFor, thread, earlyMedia = false, detached = false } = {}) {
      if (!ua) throw new Error('the softphone is not started');
      if (!ua.isConnected()) throw new Error('the PBX cannot be reached');
      const target = UserAgent.makeURI(targetUri);
      if (!target) throw new Error(`malformed SIP address ${targetUri}`);
      const inviter = new Inviter(ua, target, { sessionDescriptionHandlerOptions: media(), earlyMedia });
      const id = inviter.id;
      track(id, inviter);
      const live = calls.get(id);
      if (!detached)
        deps.onEvent({
          type: 'callStarted',
          remoteUser: target.user ?? '',
          call: { id, direction: 'outbound', remoteUri: target.toString(), thread: thread ?? null, at: now() },
          ...(consultFor ? { consultFor } : {}),
        });
      try {
        await inviter.invite({
          requestDelegate: {
            onProgress: (response) => {
              if (response.message.statusCode === 180 || response.message.statusCode === 183)
                callEvent(id, { type: 'progress' });
            },
            onReject: (response) => {
              // Our own CANCEL comes back as 487: the reason stays 'cancel'.
              if (live && live.endedBy !== 'local') live.reason = String(response.message.statusCode);
            },
          },
        });
      } catch (error) {
        // The INVITE never left (transport gone, no microphone): end the call so nothing stays "Calling…".
        calls.delete(id);
        callEvent(id, { type: 'ended', at: now(), by: 'system', reason: 'failed' });
        throw error;
      }
      // Early media plays before any 200 OK: the speaker gets the (still silent) track now.
      if (earlyMedia) attachRemoteAudio(id, inviter);
      return id;
    },

    async answer(id) {
      const live = session(id);
      if (!(live.session instanceof Invitation)) return;
      callEvent(id, { type: 'answer' });
      await live.session.accept({ sessionDescriptionHandlerOptions: media() });
    },

    async decline(id) {
      const live = session(id);
      if (!(live.session instanceof Invitation)) return;
      live.endedBy = 'local';
      live.reason = 'declined';
      await live.session.reject({ statusCode: 603 });
    },

    async hangUp(id) {
      const live = calls.get(id);
      if (!live) return;
      live.endedBy = 'local';
      const s = live.session;
      if (s.state === SessionState.Established) {
        live.reason ??= 'bye';
        await s.bye();
      } else if (s instanceof Inviter) {
        live.reason ??= 'cancel';
        await s.cancel();
      } else if (s instanceof Invitation) {
        live.reason ??= 'declined';
        await s.reject({ statusCode: 603 });
      }
    },

    async setHold(id, on) {
      const live = session(id);
      if (await reInviteHold(live, on)) {
        const pc = sdhOf(live.session)?.peerConnection;
        pc?.getReceivers().forEach((r) => {
          if (r.track) r.track.enabled = !on;
        });
        callEvent(id, { type: 'hold', on, at: Date.now() });
      }
    },

    peerConnection(id) {
      const live = calls.get(id);
      return live ? (sdhOf(live.session)?.peerConnection ?? null) : null;
    },

    setMuted(id, on) {
      const pc = sdhOf(session(id).session)?.peerConnection;
      pc?.getSenders().forEach((s) => {
        if (s.track) s.track.enabled = !on;
      });
      callEvent(id, { type: 'mute', on });
    },

    async sendDtmf(id, digit) {
      const live = session(id);
      if (dtmfMode === 'rfc4733') {
        if (!sdhOf(live.session)?.sendDtmf(digit)) throw new Error('DTMF could not be sent in the media');
      } else {
        await live.session.info({
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: `Signal=${digit}\r\nDuration=100`,
            },
          },
        });
      }
      callEvent(id, { type: 'dtmf', digit });
    },

    async consult(id, targetUri) {
      const live = session(id);
      if (live.session.state !== SessionState.Established) throw new Error('the call is not up');
      if (!(live.session.sessionDescriptionHandlerOptionsReInvite as WebSdhOptions).hold) await this.setHold(id, true);
      return this.call(targetUri, { consultFor: id });
    },

    async completeTransfer(id, consultId) {
      const original = session(id);
      const consult = session(consultId);
      callEvent(id, {
        type: 'transferStarted',
        target: consult.session.remoteIdentity.uri.toString(),
        kind: 'attended',
        at: now(),
      });
      let done: () => void = () => undefined;
      const connected = new Promise<void>((resolve) => {
        done = resolve;
      });
      const accepted = await new Promise<boolean>((resolve) => {
        original.session
          .refer(consult.session, {
            requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
            onNotify: (notification) => {
              void notification.accept().catch(() => undefined);
              if (/SIP\/2\.0 200/.test(notification.request.body)) done();
            },
          })
          .catch(() => resolve(false));
      });
      if (!accepted) {
        callEvent(id, { type: 'transferFailed' });
        return;
      }
      // Wait (bounded) until the caller reports the new call up, then leave both legs.
      await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 8000))]);
      for (const live of [original, consult]) {
        if (live.session.state !== SessionState.Established) continue;
        live.endedBy = 'local';
        live.reason = 'transferred';
        await live.session.bye().catch(() => undefined);
      }
    },

    setAudioDevices(next) {
      devices = { ...next };
      for (const live of calls.values()) if (live.audio) void routeToSpeaker(live.audio, devices.outputId);
    },

    async transfer(id, targetUri) {
      const live = session(id);
      const target = UserAgent.makeURI(targetUri);
      if (!target) throw new Error(`malformed SIP address ${targetUri}`);
      callEvent(id, { type: 'transferStarted', target: target.toString(), kind: 'blind', at: now() });
      const accepted = await new Promise<boolean>((resolve) => {
        live.session
          .refer(target, { requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) } })
          .catch(() => resolve(false));
      });
      if (!accepted) {
        callEvent(id, { type: 'transferFailed' });
        return;
      }
      // Blind transfer: the caller now calls the target; our leg ends here.
      live.endedBy = 'local';
      live.reason = 'transferred';
      await live.session.bye().catch(() => undefined);
    },
  };
}

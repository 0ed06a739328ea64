/**
 * Follows each queue call through what Kamailio reports (docs/pbx-queue-protocol.md) and the keys the
 * caller presses: an offer that rang out goes to the next agent, an answer assigns the thread, a
 * caller who gives up leaves a callback task, and after the hub (re)connects the calls Kamailio still
 * holds wait on while the ones it lost are settled. The features' hooks see every event first.
 */
import type { Logger } from '../../shared/log.js';
import type { PbxEvent } from '../../shared/calls/pbxProtocol.js';
import { SHORT_ABANDON_MS } from '../../shared/calls/serviceLine.js';
import type { HubStore } from '../storage/hubStore.js';
import { LIVE_CALL_STATES, type QueueCall } from '../storage/queueCallsRepo.js';
import { setMissedOffer } from '../contactCenter/missedOffer.js';
import type { CallArrivals } from './callArrivals.js';
import type { Callbacks } from './callbacks.js';
import { runHooks, type CallHook } from './callHooks.js';
import type { CallOfferer } from './callOfferer.js';
import { callEvent, clearCallbacks, recordQueueFacts, updateThread } from './callThreads.js';
import type { LiveCalls } from './liveCalls.js';
import type { VoiceMenu } from './voiceMenu.js';
import type { WaitingAnnouncements } from './waitingAnnouncements.js';

export class PbxEvents {
  /** Calls Kamailio said it still holds since the hub last (re)connected (`present` … `synced`). */
  private readonly present_ = new Set<string>();

  constructor(
    private readonly deps: {
      store: HubStore;
      live: LiveCalls;
      arrivals: CallArrivals;
      menu: VoiceMenu;
      waiting: WaitingAnnouncements;
      offerer: CallOfferer;
      callbacks: Callbacks;
      hooks: readonly CallHook[];
      now: () => number;
      log: Logger;
    },
  ) {}

  handle(event: PbxEvent): void {
    if (this.hooked((hook) => hook.onEvent?.(event) === true)) return;
    try {
      switch (event.event) {
        case 'arrived':
          return this.deps.arrivals.arrived(event);
        case 'offer_failed':
          return this.offerFailed(event);
        case 'answered':
          return this.answered(event.callId);
        case 'abandoned':
          return this.abandoned(event.callId);
        case 'ended':
          return this.ended(event.callId, event.by);
        case 'present':
          return this.present(event);
        case 'synced':
          return this.synced();
      }
    } catch (error) {
      this.deps.log.error('handling a PBX event failed', { event: event.event, error: String(error) });
    }
  }

  /** A key the caller pressed (rtpengine's DTMF log). */
  digit(callId: string, digit: string): void {
    if (this.hooked((hook) => hook.onDigit?.(callId, digit) === true)) return;
    const call = this.deps.store.queueCalls.byId(callId);
    const live = this.deps.live.get(callId);
    if (!call || !live) return;
    if (call.state === 'menu' && live.menu?.do === 'ask') {
      this.deps.menu.step(call, live, { kind: 'digit', digit });
      return;
    }
    if (
      live.callbackOffered &&
      (call.state === 'waiting' || call.state === 'offering') &&
      live.line?.overflow.kind === 'callback' &&
      digit === live.line.overflow.digit
    ) {
      this.deps.callbacks.leave(call, 'callback_left');
    }
  }

  private offerFailed(event: Extract<PbxEvent, { event: 'offer_failed' }>): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(event.callId);
    if (!call || call.state !== 'offering') return;
    const agentId = call.offeredAgentId;
    store.write((tx) => {
      store.queueCalls.save({
        ...call,
        state: 'waiting',
        offeredAgentId: null,
        tindex: event.tindex,
        tlabel: event.tlabel,
      });
      const agentName = agentId ? (store.agents.byId(agentId)?.name ?? null) : null;
      callEvent(tx, store, call.threadId, 'offer_missed', { agentId, agentName, code: event.code }, agentId);
      if (!agentId) return;
      if (event.code === 404) {
        // The softphone is not registered any more: it gets no calls until it registers again.
        store.queueCalls.setPhone(agentId, null, tx.now);
        return;
      }
      setMissedOffer(tx, store, agentId);
    });
    this.deps.log.info('offer missed', { callId: call.callId, agentId, code: event.code });
    this.deps.offerer.wake();
  }

  private answered(callId: string): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(callId);
    if (!call || (call.state !== 'offering' && call.state !== 'waiting')) return;
    const live = this.deps.live.get(callId);
    if (live) this.deps.live.quiet(call, live, false);
    const agentId = call.offeredAgentId;
    store.write((tx) => {
      store.queueCalls.save({ ...call, state: 'answered', answeredAt: tx.now, answeredBy: agentId });
      const thread = store.threads.byId(call.threadId);
      if (!thread) return;
      const waitedMs = tx.now - call.enteredAt;
      updateThread(tx, store, thread, { assigneeId: agentId, slaDueAt: null, status: 'open' }, { queuedAt: null });
      if (agentId) store.routing.setIdleSince(agentId, tx.now);
      const agentName = agentId ? (store.agents.byId(agentId)?.name ?? null) : null;
      callEvent(tx, store, thread.id, 'answered', { agentId, agentName, waitedMs }, agentId);
      clearCallbacks(tx, store, thread.customerId, thread.id);
    });
    this.deps.log.info('call answered', { callId, agentId });
    const stored = store.queueCalls.byId(callId);
    if (stored) this.hooked((hook) => void hook.answered?.(stored));
  }

  private abandoned(callId: string): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(callId);
    if (!call || !(['menu', 'waiting', 'offering'] as const).includes(call.state as 'menu')) {
      this.deps.live.forget(callId);
      return;
    }
    const waitedMs = this.deps.now() - call.enteredAt;
    if (waitedMs < SHORT_ABANDON_MS) {
      const live = this.deps.live.get(callId);
      if (live) this.deps.live.quiet(call, live, false);
      store.write((tx) => {
        store.queueCalls.save({ ...call, state: 'abandoned', endedAt: tx.now, offeredAgentId: null });
        callEvent(tx, store, call.threadId, 'abandoned', { waitedMs, short: true, during: call.state });
        recordQueueFacts(tx, store, call, 'abandoned', true);
        const thread = store.threads.byId(call.threadId);
        if (thread) updateThread(tx, store, thread, { status: 'closed', slaDueAt: null }, { queuedAt: null });
      });
      this.deps.live.forget(callId);
      return;
    }
    this.deps.callbacks.leave(call, 'callback_task');
  }

  private ended(callId: string, by: 'caller' | 'agent'): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(callId);
    if (!call || call.state !== 'answered') return;
    store.write((tx) => {
      store.queueCalls.save({ ...call, state: 'ended', endedAt: tx.now });
      recordQueueFacts(tx, store, call, 'answered');
      callEvent(
        tx,
        store,
        call.threadId,
        'call_ended',
        { by, talkMs: tx.now - (call.answeredAt ?? tx.now) },
        call.answeredBy,
      );
    });
    this.deps.live.forget(callId);
    const stored = store.queueCalls.byId(callId);
    if (stored) this.hooked((hook) => void hook.ended?.(stored, by));
    this.deps.offerer.wake();
  }

  /** Kamailio still holds this call (said after the hub (re)connected). */
  private present(event: Extract<PbxEvent, { event: 'present' }>): void {
    const { store, live: calls } = this.deps;
    const call = store.queueCalls.byId(event.callId);
    if (!call || !LIVE_CALL_STATES.includes(call.state)) return;
    this.present_.add(call.callId);
    if (event.tindex === undefined || event.tlabel === undefined) return; // ringing an agent, or answered
    // Suspended, waiting for the hub: whatever it was doing (menu, an offer that ended meanwhile), it waits.
    const waiting: QueueCall = {
      ...call,
      state: 'waiting',
      offeredAgentId: null,
      tindex: event.tindex,
      tlabel: event.tlabel,
    };
    store.write(() => store.queueCalls.save(waiting));
    if (!calls.has(call.callId) || call.state !== 'waiting') {
      const line = call.lineId ? store.lines.byId(call.lineId) : null;
      const live = calls.get(call.callId) ?? calls.add(call.callId, line);
      calls.clearTimers(live);
      live.menu = null;
      this.deps.waiting.start(waiting, live, []);
    }
  }

  /**
   * The end of Kamailio's list: live calls it did not name are gone (released while no hub was
   * connected, or Kamailio restarted). A caller who never reached an agent is lost and gets a
   * callback task; an answered call has ended.
   */
  private synced(): void {
    const { store } = this.deps;
    for (const call of store.queueCalls.live()) {
      if (this.present_.has(call.callId)) continue;
      this.deps.log.warn('queue call gone from the PBX', { callId: call.callId, state: call.state });
      if (call.state === 'answered') {
        this.ended(call.callId, 'caller');
        continue;
      }
      this.deps.callbacks.leave(call, 'call_lost');
    }
    this.present_.clear();
    this.deps.offerer.wake();
  }

  private hooked(each: (hook: CallHook) => boolean | void): boolean {
    return runHooks(this.deps.hooks, this.deps.log, each);
  }
}

/**
 * The call queue (decision 0020): Kamailio holds each caller on early media and tells the hub what
 * happens (docs/pbx-queue-protocol.md); this class decides the rest. A call to a line becomes a
 * phone thread at arrival, walks the line's voice menu, waits with announcements and music, is
 * offered by the one router to a ready agent with a registered softphone, goes to the next agent
 * when one lets it ring out, and leaves a callback task when the caller gives up.
 */
import { randomBytes } from 'node:crypto';
import { OknoError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { QUEUE_MEDIA_PREFIX, type PbxCommand, type PbxEvent } from '../../shared/calls/pbxProtocol.js';
import { nextStep, startMenu, type MenuInput, type MenuStep } from '../../shared/calls/menuWalk.js';
import { DEFAULT_CALLBACK_TARGET_MS, SHORT_ABANDON_MS, type ServiceLine } from '../../shared/calls/serviceLine.js';
import { isOpen } from '../../shared/queue/businessHours.js';
import { responseTarget } from '../../shared/queue/slaPolicy.js';
import { estimateWaitMinutes } from '../../shared/routing/chooseAgent.js';
import { toE164 } from '../../shared/softphone/phoneNumber.js';
import type { Agent, Thread } from '../../shared/domain.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import { Router, type PhoneLoad } from '../contactCenter/router.js';
import type { QueuedCalls } from '../contactCenter/contactCenter.js';
import type { HubStore } from '../storage/hubStore.js';
import { LIVE_CALL_STATES, type QueueCall } from '../storage/queueCallsRepo.js';
import type { Tx } from '../storage/writer.js';
import { setMissedOffer } from '../contactCenter/missedOffer.js';
import {
  callEvent,
  clearCallbacks,
  openCallThread,
  recordQueueFacts,
  updateThread,
  type RecognizeCaller,
} from './callThreads.js';
import type { PromptPlayer } from './promptPlayer.js';
import type { CallHook } from './callHooks.js';

/** Sends a command to Kamailio; false when the PBX is not connected. */
export interface CallControl {
  send(command: PbxCommand): boolean;
}

export interface CallQueueDeps {
  store: HubStore;
  router: Router;
  control: CallControl;
  player: PromptPlayer;
  recognize: RecognizeCaller;
  routingConfig: () => RoutingConfig;
  now: () => number;
  log: Logger;
  /** How long one agent's softphone rings before the call goes to the next (default 15 s). */
  offerSeconds?: number;
  /** Callers answered a moment later after a "please hold" they have started to hear. */
  callbackTargetMs?: number;
  /** Features following the calls (recording, monitoring, quality, ratings, the shift check). */
  hooks?: readonly CallHook[];
}

/** What the hub keeps in memory about a live call besides its row: timers and where it is in the menu. */
interface Live {
  line: ServiceLine | null;
  language: 'en' | 'ru';
  menu: MenuStep | null;
  /** Waiting since (queue entry after the menu); null while in the menu. */
  queuedAt: number | null;
  timers: ReturnType<typeof setTimeout>[];
  /** The maximum wait ran out and the caller was offered a callback by key. */
  callbackOffered: boolean;
}

const MUSIC = 'moh';

export class CallQueue implements QueuedCalls, PhoneLoad {
  private readonly live = new Map<string, Live>();
  /** Calls Kamailio said it still holds since the hub last (re)connected (`present` … `synced`). */
  private readonly present_ = new Set<string>();
  /** Transfer addresses handed to softphones: `xfer-<token>` → the thread that re-enters the queue. */
  private readonly transfers = new Map<
    string,
    { threadId: string; groupId: string | null; note: string; actorId: string; expiresAt: number }
  >();
  private offerScheduled = false;
  private stopped = false;
  /** Fixed by the hub's options (tests); otherwise the routing settings say. */
  private readonly offerMs: number | null;
  private readonly callbackTargetMs: number;

  constructor(private readonly deps: CallQueueDeps) {
    this.offerMs = deps.offerSeconds === undefined ? null : deps.offerSeconds * 1000;
    this.callbackTargetMs = deps.callbackTargetMs ?? DEFAULT_CALLBACK_TARGET_MS;
    // After a hub restart nothing is assumed about the calls it left: Kamailio says which are still
    // there when the link comes up (`present`, then `synced`).
  }

  // ── what the router and the contact center ask ──────────────────────────────────────────

  holds(threadId: string): boolean {
    // One query: text routing asks this for every queued thread on each drain.
    return this.deps.store.queueCalls.heldByQueue(threadId);
  }

  liveCallsByAgent(): Map<string, number> {
    const out = new Map<string, number>();
    for (const call of this.deps.store.queueCalls.live()) {
      const agent =
        call.state === 'answered' ? call.answeredBy : call.state === 'offering' ? call.offeredAgentId : null;
      if (agent) out.set(agent, (out.get(agent) ?? 0) + 1);
    }
    return out;
  }

  /** Offers waiting calls once the running transaction has committed (coalesced). */
  wake(): void {
    if (this.offerScheduled || this.stopped) return;
    this.offerScheduled = true;
    setImmediate(() => {
      this.offerScheduled = false;
      if (this.stopped) return;
      try {
        this.offerWaiting();
      } catch (error) {
        this.deps.log.error('offering calls failed', { error: String(error) });
      }
    });
  }

  // ── events from the PBX ──────────────────────────────────────────────────────────────────

  /** The hub is closing: no timer, prompt or offer runs after this (Kamailio keeps the callers). */
  stop(): void {
    this.stopped = true;
    for (const [callId, live] of this.live) {
      this.clearTimers(live);
      this.deps.player.forget(callId);
    }
    this.live.clear();
  }

  handle(event: PbxEvent): void {
    if (this.stopped) return;
    if (this.hooked((hook) => hook.onEvent?.(event) === true)) return;
    try {
      switch (event.event) {
        case 'arrived':
          return this.arrived(event);
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
    if (this.stopped) return;
    if (this.hooked((hook) => hook.onDigit?.(callId, digit) === true)) return;
    const call = this.deps.store.queueCalls.byId(callId);
    const live = this.live.get(callId);
    if (!call || !live) return;
    if (call.state === 'menu' && live.menu?.do === 'ask') {
      this.stepMenu(call, live, { kind: 'digit', digit });
      return;
    }
    if (
      live.callbackOffered &&
      (call.state === 'waiting' || call.state === 'offering') &&
      live.line?.overflow.kind === 'callback' &&
      digit === live.line.overflow.digit
    ) {
      this.leaveCallback(call, 'callback_left');
    }
  }

  private arrived(event: Extract<PbxEvent, { event: 'arrived' }>): void {
    const { store, now } = this.deps;
    const at = now();
    if (store.queueCalls.byId(event.callId)) return; // a repeated event: the call is known
    const caller = toE164(event.from) ?? event.from;
    const reject = (code: 404 | 480 | 486 | 503, reason: string) =>
      this.send({ cmd: 'reject', callId: event.callId, tindex: event.tindex, tlabel: event.tlabel, code, reason });

    const transfer = this.transfers.get(event.to);
    if (transfer && transfer.expiresAt > at) {
      this.transfers.delete(event.to);
      this.reenter(event, caller, transfer);
      return;
    }
    const line = store.lines.byNumber(event.to) ?? store.lines.byNumber(toE164(event.to) ?? event.to);
    if (!line) {
      this.deps.log.warn('call to an unknown number', { to: event.to, from: caller });
      reject(404, 'Not Found');
      return;
    }
    const block = store.blocklist.activeFor('phone', caller, at);
    const open = isOpen(line.hours, at);
    const config = this.deps.routingConfig();
    const { thread, row } = store.write((tx) => {
      const customer = this.deps.recognize(tx, caller, event.fromName);
      const status: Thread['status'] = block || !open ? 'closed' : 'open';
      const dueAt = tx.now + responseTarget(config.sla, 'phone', null);
      const thread = openCallThread(tx, store, { customer, caller, line, dueAt, status });
      callEvent(tx, store, thread.id, 'call_arrived', { lineId: line.id, line: line.number, from: caller });
      if (block) callEvent(tx, store, thread.id, 'blocked', { blockId: block.id, reason: block.reason });
      else if (!open) callEvent(tx, store, thread.id, 'out_of_hours', { lineId: line.id });
      const row: QueueCall = {
        callId: event.callId,
        threadId: thread.id,
        lineId: line.id,
        caller,
        fromTag: event.fromTag,
        tindex: event.tindex,
        tlabel: event.tlabel,
        state: block ? 'rejected' : open ? 'menu' : 'self_service',
        enteredAt: at,
        offeredAgentId: null,
        offers: 0,
        answeredAt: null,
        answeredBy: null,
        endedAt: block ? at : null,
      };
      store.queueCalls.save(row);
      return { thread, row };
    }).result;
    if (block) {
      reject(486, 'Busy Here');
      return;
    }
    const live = this.fresh(line, at);
    this.live.set(row.callId, live);
    if (!open) {
      void this.say(row, ['out_of_hours']).then((played) => {
        if (played) this.finish(row.callId, 'self_service', 480, 'Temporarily Unavailable');
      });
      return;
    }
    this.deps.log.info('call arrived', { callId: row.callId, threadId: thread.id, line: line.number });
    const welcome = ['welcome', ...this.hookPrompts(line)];
    if (line.menu) this.runStep(row, live, startMenu(line.menu), welcome);
    else this.enterQueue(row, live, { groupId: null, topic: null }, welcome);
  }

  /** A transferred call comes back in: same thread, its new group and the note, straight to the queue. */
  private reenter(
    event: Extract<PbxEvent, { event: 'arrived' }>,
    caller: string,
    transfer: { threadId: string; groupId: string | null; note: string; actorId: string },
  ): void {
    const { store, now } = this.deps;
    const { threadId } = transfer;
    const thread = store.threads.byId(threadId);
    if (!thread) {
      this.send({
        cmd: 'reject',
        callId: event.callId,
        tindex: event.tindex,
        tlabel: event.tlabel,
        code: 480,
        reason: 'Temporarily Unavailable',
      });
      return;
    }
    const lineId = store.queueCalls.lastLineOf(threadId);
    const line = lineId ? store.lines.byId(lineId) : null;
    const row: QueueCall = {
      callId: event.callId,
      threadId,
      lineId: line?.id ?? null,
      caller,
      fromTag: event.fromTag,
      tindex: event.tindex,
      tlabel: event.tlabel,
      state: 'waiting',
      enteredAt: now(),
      offeredAgentId: null,
      offers: 0,
      answeredAt: null,
      answeredBy: null,
      endedAt: null,
    };
    const config = this.deps.routingConfig();
    store.write((tx) => {
      store.queueCalls.save(row);
      updateThread(
        tx,
        store,
        thread,
        { assigneeId: null, status: 'open', slaDueAt: tx.now + responseTarget(config.sla, 'phone', null) },
        { groupId: transfer.groupId, queuedAt: tx.now },
      );
      callEvent(
        tx,
        store,
        threadId,
        'transferred',
        { groupId: transfer.groupId, note: transfer.note },
        transfer.actorId,
      );
    });
    const live = this.fresh(line, row.enteredAt);
    live.queuedAt = row.enteredAt;
    this.live.set(row.callId, live);
    this.startWaiting(row, live, ['transferring']);
    this.wake();
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
    this.wake();
  }

  private answered(callId: string): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(callId);
    if (!call || (call.state !== 'offering' && call.state !== 'waiting')) return;
    const live = this.live.get(callId);
    if (live) this.quiet(call, live, false);
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
      this.forget(callId);
      return;
    }
    const waitedMs = this.deps.now() - call.enteredAt;
    if (waitedMs < SHORT_ABANDON_MS) {
      const live = this.live.get(callId);
      if (live) this.quiet(call, live, false);
      store.write((tx) => {
        store.queueCalls.save({ ...call, state: 'abandoned', endedAt: tx.now, offeredAgentId: null });
        callEvent(tx, store, call.threadId, 'abandoned', { waitedMs, short: true, during: call.state });
        recordQueueFacts(tx, store, call, 'abandoned', true);
        const thread = store.threads.byId(call.threadId);
        if (thread) updateThread(tx, store, thread, { status: 'closed', slaDueAt: null }, { queuedAt: null });
      });
      this.forget(callId);
      return;
    }
    this.leaveCallback(call, 'callback_task');
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
    this.forget(callId);
    const stored = store.queueCalls.byId(callId);
    if (stored) this.hooked((hook) => void hook.ended?.(stored, by));
    this.wake();
  }

  /** Kamailio still holds this call (said after the hub (re)connected). */
  private present(event: Extract<PbxEvent, { event: 'present' }>): void {
    const { store } = this.deps;
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
    if (!this.live.has(call.callId) || call.state !== 'waiting') {
      const line = call.lineId ? store.lines.byId(call.lineId) : null;
      const live = this.live.get(call.callId) ?? this.fresh(line, call.enteredAt);
      this.clearTimers(live);
      live.menu = null;
      this.live.set(call.callId, live);
      this.startWaiting(waiting, live, []);
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
      this.leaveCallback(call, 'call_lost');
    }
    this.present_.clear();
    this.wake();
  }

  // ── the menu ────────────────────────────────────────────────────────────────────────────

  private runStep(call: QueueCall, live: Live, step: MenuStep, before: string[] = []): void {
    live.menu = step;
    switch (step.do) {
      case 'say':
        void this.say(call, [...before, step.prompt]).then((played) => {
          if (played) this.stepMenu(call, live, { kind: 'said' });
        });
        return;
      case 'ask':
        void this.say(call, [...before, ...step.before, step.prompt]).then((played) => {
          if (!played) return;
          live.timers.push(
            setTimeout(() => this.stepMenu(call, live, { kind: 'timeout' }), step.timeoutSeconds * 1000),
          );
        });
        return;
      case 'queue': {
        const chosen = this.deps.store.lines.byId(call.lineId ?? '')?.menu;
        this.enterQueue(call, live, { groupId: step.groupId, topic: step.topic }, before, chosen ? step.at.node : null);
        return;
      }
      case 'hangup':
        this.deps.store.write((tx) =>
          callEvent(tx, this.deps.store, call.threadId, 'self_service', { node: step.at.node }),
        );
        void this.say(call, [...before, 'goodbye']).then((played) => {
          if (played) this.finish(call.callId, 'self_service', 480, 'Temporarily Unavailable');
        });
        return;
    }
  }

  private stepMenu(call: QueueCall, live: Live, input: MenuInput): void {
    const menu = live.line?.menu;
    const at = live.menu;
    if (!menu || !at || at.do === 'queue' || at.do === 'hangup') return;
    const next = nextStep(menu, at.at, input);
    if (!next) return; // a key during an announcement is not a choice
    this.clearTimers(live);
    if (input.kind === 'digit') {
      this.deps.player.stop(this.target(call), true);
      if (next.at.node !== at.at.node) {
        this.deps.store.write((tx) =>
          callEvent(tx, this.deps.store, call.threadId, 'menu_choice', {
            node: at.at.node,
            digit: input.digit,
            next: next.at.node,
          }),
        );
      }
    }
    this.runStep(call, live, next);
  }

  // ── waiting ─────────────────────────────────────────────────────────────────────────────

  private enterQueue(
    call: QueueCall,
    live: Live,
    choice: { groupId: string | null; topic: string | null },
    before: string[],
    node: string | null = null,
  ): void {
    const { store } = this.deps;
    const groupId = choice.groupId ?? live.line?.groupId ?? null;
    store.write((tx) => {
      const current = store.queueCalls.byId(call.callId);
      if (!current || current.state !== 'menu') return;
      store.queueCalls.save({ ...current, state: 'waiting' });
      const thread = store.threads.byId(call.threadId);
      if (thread) updateThread(tx, store, thread, {}, { groupId, topic: choice.topic, queuedAt: tx.now });
      callEvent(tx, store, call.threadId, 'call_queued', { groupId, topic: choice.topic, node });
    });
    live.queuedAt = this.deps.now();
    live.menu = null;
    this.startWaiting(call, live, before);
    this.wake();
  }

  /** Announcements (position, wait), music between them, and the maximum wait. */
  private startWaiting(call: QueueCall, live: Live, before: string[]): void {
    const line = live.line;
    const announce = async (first: boolean): Promise<void> => {
      const current = this.deps.store.queueCalls.byId(call.callId);
      if (!current || (current.state !== 'waiting' && current.state !== 'offering')) return;
      const played = await this.say(call, [
        ...(first ? [...before, 'please_hold'] : []),
        ...this.positionPrompts(call),
      ]);
      if (played) void this.music(call);
    };
    void announce(true);
    const every = (line?.announceEverySeconds ?? 45) * 1000;
    const repeat = (): void => {
      live.timers.push(
        setTimeout(() => {
          void announce(false);
          repeat();
        }, every),
      );
    };
    repeat();
    const maxWait = (line?.maxWaitSeconds ?? 300) * 1000;
    live.timers.push(setTimeout(() => this.maxWaitReached(call.callId), maxWait));
  }

  private async music(call: QueueCall): Promise<void> {
    // Bounded: music plays until the next announcement or the end of the wait replaces it.
    for (let i = 0; i < 1000; i += 1) {
      const current = this.deps.store.queueCalls.byId(call.callId);
      if (!current || (current.state !== 'waiting' && current.state !== 'offering')) return;
      // Stops when replaced, and when the media server refuses (music again with the next announcement).
      if ((await this.deps.player.play(this.target(call), [MUSIC])) !== 'played') return;
    }
  }

  private positionPrompts(call: QueueCall): string[] {
    const waiting = this.waitingInOrder();
    const position = waiting.findIndex((c) => c.callId === call.callId);
    if (position < 0) return [];
    const phones = this.deps.store.queueCalls.phones();
    const ready = this.deps.store.routing.readyAgents().filter((a) => phones.has(a.id)).length;
    const minutes = estimateWaitMinutes(position, ready, this.deps.routingConfig().averageHandleMinutes);
    const place = position + 1 > 30 ? 'position_many' : `position_${position + 1}`;
    const wait = minutes === null ? 'wait_unknown' : `wait_${Math.min(30, Math.max(1, Math.ceil(minutes)))}`;
    return [place, wait];
  }

  private maxWaitReached(callId: string): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(callId);
    const live = this.live.get(callId);
    if (!call || !live || (call.state !== 'waiting' && call.state !== 'offering')) return;
    const overflow = live.line?.overflow ?? { kind: 'callback', digit: '1' };
    if (overflow.kind === 'group') {
      store.write((tx) => {
        const thread = store.threads.byId(call.threadId);
        if (thread) updateThread(tx, store, thread, {}, { groupId: overflow.groupId });
        callEvent(tx, store, call.threadId, 'overflowed', { groupId: overflow.groupId });
      });
      this.wake();
      return;
    }
    live.callbackOffered = true;
    void this.say(call, ['callback_offer']).then((played) => {
      if (played) void this.music(call);
    });
  }

  // ── offering ────────────────────────────────────────────────────────────────────────────

  /** Waiting calls, most urgent first (the thread's deadline, then arrival). */
  private waitingInOrder(): QueueCall[] {
    const { store } = this.deps;
    const waiting = store.queueCalls.live().filter((c) => c.state === 'waiting' || c.state === 'offering');
    // Each deadline read once: the sort compares n·log n times.
    const due = new Map(
      waiting.map((c) => [c.callId, store.threads.byId(c.threadId)?.slaDueAt ?? Number.MAX_SAFE_INTEGER]),
    );
    const dueOf = (call: QueueCall) => due.get(call.callId) ?? Number.MAX_SAFE_INTEGER;
    return waiting.sort((a, b) => dueOf(a) - dueOf(b) || a.enteredAt - b.enteredAt || a.callId.localeCompare(b.callId));
  }

  /** Gives each waiting call, in deadline order, to the agent the router chooses. */
  offerWaiting(): void {
    const { store, router } = this.deps;
    const commands: { call: QueueCall; command: PbxCommand }[] = [];
    store.write((tx) => {
      const waiting = this.waitingInOrder().filter((c) => c.state === 'waiting');
      if (waiting.length === 0) return;
      const team = router.team();
      const phones = store.queueCalls.phones();
      for (const call of waiting) {
        const thread = store.threads.byId(call.threadId);
        const routing = store.routing.threadRouting(call.threadId);
        if (!thread || !routing) continue;
        const decision = router.choose(
          { channel: 'phone', language: routing.language, topic: routing.topic, groupId: routing.groupId },
          team,
          (candidate) => phones.has(candidate.agentId),
        );
        if (decision.agentId === null) continue;
        const user = phones.get(decision.agentId);
        if (!user) continue;
        Router.given(team, decision.agentId, 'phone', tx.now);
        const offered = {
          ...call,
          state: 'offering' as const,
          offeredAgentId: decision.agentId,
          offers: call.offers + 1,
        };
        store.queueCalls.save(offered);
        callEvent(
          tx,
          store,
          call.threadId,
          'offered',
          {
            agentId: decision.agentId,
            agentName: store.agents.byId(decision.agentId)?.name ?? null,
            groupId: decision.groupId,
          },
          decision.agentId,
        );
        commands.push({
          call: offered,
          command: {
            cmd: 'offer',
            callId: call.callId,
            tindex: call.tindex,
            tlabel: call.tlabel,
            user,
            threadId: call.threadId,
            timeoutMs: this.offerMs ?? this.deps.routingConfig().offerSeconds.phone * 1000,
            waitedMs: Math.max(0, tx.now - call.enteredAt),
            ...(call.lineId ? { line: store.lines.byId(call.lineId)?.number } : {}),
          },
        });
      }
    });
    for (const { call, command } of commands) {
      if (this.send(command)) continue;
      // The PBX is away: the call waits on (Kamailio answers it 480 if it cannot hold it).
      store.write(() => store.queueCalls.save({ ...call, state: 'waiting', offeredAgentId: null }));
    }
  }

  // ── callbacks ───────────────────────────────────────────────────────────────────────────

  /** The caller gave up (or asked to be called back): the thread waits as a callback task. */
  private leaveCallback(call: QueueCall, kind: 'callback_task' | 'callback_left' | 'call_lost'): void {
    const { store } = this.deps;
    const live = this.live.get(call.callId);
    if (live) this.quiet(call, live, kind !== 'callback_left');
    const waitedMs = this.deps.now() - call.enteredAt;
    store.write((tx) => {
      store.queueCalls.save({
        ...call,
        state: kind === 'callback_left' ? 'callback_left' : 'abandoned',
        endedAt: tx.now,
        offeredAgentId: null,
      });
      const thread = store.threads.byId(call.threadId);
      if (!thread) return;
      recordQueueFacts(
        tx,
        store,
        call,
        kind === 'callback_left' ? 'callback' : kind === 'call_lost' ? 'lost' : 'abandoned',
      );
      if (kind === 'callback_task')
        callEvent(tx, store, thread.id, 'abandoned', { waitedMs, short: false, during: call.state });
      const dueAt = tx.now + this.callbackTargetMs;
      store.queueCalls.addCallback({
        threadId: thread.id,
        customerId: thread.customerId,
        number: call.caller,
        lineId: call.lineId,
        requestedAt: tx.now,
        waitedMs,
        dueAt,
      });
      callEvent(tx, store, thread.id, kind, { number: call.caller, waitedMs, dueAt });
      if (kind === 'call_lost')
        callEvent(tx, store, thread.id, 'callback_task', { number: call.caller, waitedMs, dueAt });
      updateThread(tx, store, thread, { assigneeId: null, slaDueAt: dueAt, status: 'open' }, { queuedAt: tx.now });
    });
    if (kind === 'callback_left' && live) {
      void this.say(call, ['callback_left']).then(() => this.finish(call.callId, null, 480, 'Temporarily Unavailable'));
    } else {
      this.forget(call.callId);
    }
  }

  /** The agent called the customer back: the result is kept and the task leaves the queue. */
  completeCallback(tx: Tx, agent: Agent, threadId: string, result: 'reached' | 'no_answer' | 'wrong_number'): Thread {
    const { store } = this.deps;
    const task = store.queueCalls.callback(threadId);
    const thread = store.threads.byId(threadId);
    if (!task || !thread) throw new OknoError('not_found', `thread ${threadId} has no callback task`);
    if (task.state !== 'open')
      throw new OknoError('conflict', `the callback of thread #${thread.number} is already done`);
    store.queueCalls.finishCallback(threadId, 'done', result, agent.id, tx.now);
    callEvent(tx, store, threadId, 'callback_done', { result }, agent.id);
    const closed = updateThread(
      tx,
      store,
      thread,
      { status: result === 'no_answer' ? 'open' : 'closed', slaDueAt: null, assigneeId: agent.id },
      { queuedAt: null },
    );
    if (result === 'reached') clearCallbacks(tx, store, thread.customerId, threadId);
    return closed;
  }

  // ── transfers ───────────────────────────────────────────────────────────────────────────

  /**
   * A live call is handed to a group (or a line's group): the thread goes back to the queue with
   * the note, and the softphone transfers the caller to the address returned here, which brings the
   * same thread back in at arrival.
   */
  transferCall(tx: Tx, actor: Agent, thread: Thread, groupId: string | null, note: string): string {
    // Nothing changes until the caller really comes back on this address (a refused REFER leaves the
    // call with its agent); an unused address simply expires.
    const token = `xfer-${randomBytes(9).toString('hex')}`;
    this.transfers.set(token, { threadId: thread.id, groupId, note, actorId: actor.id, expiresAt: tx.now + 120_000 });
    return token;
  }

  // ── plumbing ────────────────────────────────────────────────────────────────────────────

  private fresh(line: ServiceLine | null, at: number): Live {
    return { line, language: line?.language ?? 'ru', menu: null, queuedAt: at, timers: [], callbackOffered: false };
  }

  private target(call: QueueCall): { callId: string; mediaCallId: string; fromTag: string; language: 'en' | 'ru' } {
    return {
      callId: call.callId,
      mediaCallId: `${QUEUE_MEDIA_PREFIX}${call.callId}`,
      fromTag: call.fromTag,
      language: this.live.get(call.callId)?.language ?? 'ru',
    };
  }

  /**
   * Plays prompts; true when the caller's journey goes on from here (played, or the media server
   * failed: a caller never waits on a prompt that cannot play), false when something newer took over.
   */
  private async say(call: QueueCall, prompts: string[]): Promise<boolean> {
    return (await this.deps.player.play(this.target(call), prompts)) !== 'replaced';
  }

  /** Stops timers and prompts of a call that is leaving the queue. */
  private quiet(call: QueueCall, live: Live, silence: boolean): void {
    this.clearTimers(live);
    this.deps.player.stop(this.target(call), silence);
  }

  private clearTimers(live: Live): void {
    for (const timer of live.timers.splice(0)) clearTimeout(timer);
  }

  /** Ends a call that will not reach an agent: Kamailio answers the caller `code`. */
  private finish(callId: string, state: 'self_service' | null, code: 480 | 486, reason: string): void {
    const { store } = this.deps;
    const call = store.queueCalls.byId(callId);
    if (!call) return;
    if (state && LIVE_CALL_STATES.includes(call.state)) {
      store.write((tx) => {
        store.queueCalls.save({ ...call, state, endedAt: tx.now });
        const thread = store.threads.byId(call.threadId);
        if (thread) updateThread(tx, store, thread, { status: 'closed', slaDueAt: null }, { queuedAt: null });
      });
    }
    this.send({ cmd: 'reject', callId, tindex: call.tindex, tlabel: call.tlabel, code, reason });
    this.forget(callId);
  }

  private forget(callId: string): void {
    const live = this.live.get(callId);
    if (live) this.clearTimers(live);
    this.deps.player.forget(callId);
    this.live.delete(callId);
  }

  /** Runs `each` on every hook in order until one returns true; a hook that throws is logged and skipped. */
  private hooked(each: (hook: CallHook) => boolean | void): boolean {
    for (const hook of this.deps.hooks ?? []) {
      try {
        if (each(hook) === true) return true;
      } catch (error) {
        this.deps.log.error('a call hook failed', { error: String(error) });
      }
    }
    return false;
  }

  private hookPrompts(line: ServiceLine): string[] {
    const prompts: string[] = [];
    this.hooked((hook) => void prompts.push(...(hook.arrivalPrompts?.(line) ?? [])));
    return prompts;
  }

  private send(command: PbxCommand): boolean {
    const sent = this.deps.control.send(command);
    if (!sent) this.deps.log.warn('the PBX is not connected', { cmd: command.cmd, callId: command.callId });
    return sent;
  }
}

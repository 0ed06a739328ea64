/**
 * The call queue (decision 0020): Kamailio holds each caller on early media and tells the hub what
 * happens (docs/pbx-queue-protocol.md); the hub decides the rest. A call to a line becomes a phone
 * thread at arrival, walks the line's voice menu, waits with announcements and music, is offered by
 * the one router to a ready agent with a registered softphone, goes to the next agent when one lets
 * it ring out, and leaves a callback task when the caller gives up.
 *
 * This class is the queue's one face to the rest of the hub; each of those jobs is a part of its own,
 * built here once from the deps, so the hub and the tests build the queue in one call.
 */
import type { Logger } from '../../shared/log.js';
import type { PbxCommand, PbxEvent } from '../../shared/calls/pbxProtocol.js';
import { DEFAULT_CALLBACK_TARGET_MS } from '../../shared/calls/serviceLine.js';
import type { Agent, Thread } from '../../shared/domain.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { Router, PhoneLoad } from '../contactCenter/router.js';
import type { QueuedCalls } from '../contactCenter/contactCenter.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { CallArrivals } from './callArrivals.js';
import { Callbacks } from './callbacks.js';
import type { CallHook } from './callHooks.js';
import { CallOfferer } from './callOfferer.js';
import type { RecognizeCaller } from './callThreads.js';
import { CallTransfers } from './callTransfers.js';
import { LiveCalls, type CallControl } from './liveCalls.js';
import { PbxEvents } from './pbxEvents.js';
import type { PromptPlayer } from './promptPlayer.js';
import { VoiceMenu } from './voiceMenu.js';
import { WaitingAnnouncements } from './waitingAnnouncements.js';

export type { CallControl } from './liveCalls.js';

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

export class CallQueue implements QueuedCalls, PhoneLoad {
  private readonly parts: QueueParts;
  private stopped = false;

  constructor(private readonly deps: CallQueueDeps) {
    this.parts = wireParts(deps);
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
    this.parts.offerer.wake();
  }

  /** Gives each waiting call, in deadline order, to the agent the router chooses. */
  offerWaiting(): void {
    this.parts.offerer.offerWaiting();
  }

  // ── the PBX ─────────────────────────────────────────────────────────────────────────────

  handle(event: PbxEvent): void {
    if (this.stopped) return;
    this.parts.events.handle(event);
  }

  /** A key the caller pressed (rtpengine's DTMF log). */
  digit(callId: string, digit: string): void {
    if (this.stopped) return;
    this.parts.events.digit(callId, digit);
  }

  /** The hub is closing: no timer, prompt or offer runs after this (Kamailio keeps the callers). */
  stop(): void {
    this.stopped = true;
    this.parts.offerer.stop();
    this.parts.live.forgetAll();
  }

  // ── what agents do ──────────────────────────────────────────────────────────────────────

  /** The agent called the customer back: the result is kept and the task leaves the queue. */
  completeCallback(tx: Tx, agent: Agent, threadId: string, result: 'reached' | 'no_answer' | 'wrong_number'): Thread {
    return this.parts.callbacks.complete(tx, agent, threadId, result);
  }

  /**
   * A live call is handed to a group (or a line's group): the thread goes back to the queue with
   * the note, and the softphone transfers the caller to the address returned here, which brings the
   * same thread back in at arrival.
   */
  transferCall(tx: Tx, actor: Agent, thread: Thread, groupId: string | null, note: string): string {
    return this.parts.transfers.transferCall(tx, actor, thread, groupId, note);
  }
}

interface QueueParts {
  live: LiveCalls;
  offerer: CallOfferer;
  callbacks: Callbacks;
  transfers: CallTransfers;
  events: PbxEvents;
}

/** Builds each part once, handing it the parts it works with. */
function wireParts(deps: CallQueueDeps): QueueParts {
  const { store, player, routingConfig, recognize, now, log } = deps;
  const hooks = deps.hooks ?? [];
  const live = new LiveCalls({ store, player, control: deps.control, log });
  // Fixed by the hub's options (tests); otherwise the routing settings say.
  const offerMs = deps.offerSeconds === undefined ? null : deps.offerSeconds * 1000;
  const send = (command: PbxCommand) => live.send(command);
  const offerer = new CallOfferer({ store, router: deps.router, send, routingConfig, offerMs, log });
  const waiting = new WaitingAnnouncements({ store, live, player, offerer, routingConfig });
  const menu = new VoiceMenu({ store, live, player, waiting, offerer });
  const callbackTargetMs = deps.callbackTargetMs ?? DEFAULT_CALLBACK_TARGET_MS;
  const callbacks = new Callbacks({ store, live, now, callbackTargetMs });
  const transfers = new CallTransfers({ store, live, waiting, offerer, routingConfig, now });
  const arrivals = new CallArrivals({ store, live, transfers, menu, recognize, routingConfig, hooks, now, log });
  const events = new PbxEvents({ store, live, arrivals, menu, waiting, offerer, callbacks, hooks, now, log });
  return { live, offerer, callbacks, transfers, events };
}

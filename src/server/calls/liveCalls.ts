/**
 * The calls the queue holds right now, in memory beside their rows: the line, the caller's language,
 * where the call is in the menu, its timers. Every part of the queue speaks to a caller through here
 * (prompts, silence, a reject to Kamailio) and lets a call go through here, so no timer or prompt
 * outlives its call.
 */
import type { Logger } from '../../shared/log.js';
import { QUEUE_MEDIA_PREFIX, type PbxCommand } from '../../shared/calls/pbxProtocol.js';
import type { MenuStep } from '../../shared/calls/menuWalk.js';
import type { ServiceLine } from '../../shared/calls/serviceLine.js';
import type { HubStore } from '../storage/hubStore.js';
import { LIVE_CALL_STATES, type QueueCall } from '../storage/queueCallsRepo.js';
import { updateThread } from './callThreads.js';
import type { PromptPlayer } from './promptPlayer.js';

/** Sends a command to Kamailio; false when the PBX is not connected. */
export interface CallControl {
  send(command: PbxCommand): boolean;
}

/** What the hub keeps in memory about a live call besides its row: timers and where it is in the menu. */
export interface Live {
  line: ServiceLine | null;
  language: 'en' | 'ru';
  menu: MenuStep | null;
  timers: ReturnType<typeof setTimeout>[];
  /** The maximum wait ran out and the caller was offered a callback by key. */
  callbackOffered: boolean;
}

export class LiveCalls {
  private readonly calls = new Map<string, Live>();

  constructor(private readonly deps: { store: HubStore; player: PromptPlayer; control: CallControl; log: Logger }) {}

  get(callId: string): Live | undefined {
    return this.calls.get(callId);
  }

  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** Starts following a call (after a restart, the line is the row's; null when it is gone). */
  add(callId: string, line: ServiceLine | null): Live {
    const live: Live = { line, language: line?.language ?? 'ru', menu: null, timers: [], callbackOffered: false };
    this.calls.set(callId, live);
    return live;
  }

  /**
   * Plays prompts; true when the caller's journey goes on from here (played, or the media server
   * failed: a caller never waits on a prompt that cannot play), false when something newer took over.
   */
  async say(call: QueueCall, prompts: string[]): Promise<boolean> {
    return (await this.deps.player.play(this.target(call), prompts)) !== 'replaced';
  }

  /** Where the prompt player reaches this caller: the queue's media leg, in the line's language. */
  target(call: QueueCall): { callId: string; mediaCallId: string; fromTag: string; language: 'en' | 'ru' } {
    return {
      callId: call.callId,
      mediaCallId: `${QUEUE_MEDIA_PREFIX}${call.callId}`,
      fromTag: call.fromTag,
      language: this.calls.get(call.callId)?.language ?? 'ru',
    };
  }

  /** Stops timers and prompts of a call that is leaving the queue. */
  quiet(call: QueueCall, live: Live, silence: boolean): void {
    this.clearTimers(live);
    this.deps.player.stop(this.target(call), silence);
  }

  clearTimers(live: Live): void {
    for (const timer of live.timers.splice(0)) clearTimeout(timer);
  }

  /** Ends a call that will not reach an agent: Kamailio answers the caller `code`. */
  finish(callId: string, state: 'self_service' | null, code: 480 | 486, reason: string): void {
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

  forget(callId: string): void {
    const live = this.calls.get(callId);
    if (live) this.clearTimers(live);
    this.deps.player.forget(callId);
    this.calls.delete(callId);
  }

  /** The hub is closing: every timer and prompt ends (Kamailio keeps the callers). */
  forgetAll(): void {
    for (const [callId, live] of this.calls) {
      this.clearTimers(live);
      this.deps.player.forget(callId);
    }
    this.calls.clear();
  }

  send(command: PbxCommand): boolean {
    const sent = this.deps.control.send(command);
    if (!sent) this.deps.log.warn('the PBX is not connected', { cmd: command.cmd, callId: command.callId });
    return sent;
  }
}

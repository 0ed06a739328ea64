/**
 * What a waiting caller hears and what happens when the wait runs long: the caller's place and the
 * estimated wait every so often, music between them, and at the line's maximum wait either a move to
 * its overflow group or the offer of a callback by key.
 */
import { estimateWaitMinutes } from '../../shared/routing/chooseAgent.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { CallOfferer } from './callOfferer.js';
import { callEvent, updateThread } from './callThreads.js';
import type { Live, LiveCalls } from './liveCalls.js';
import type { PromptPlayer } from './promptPlayer.js';

const MUSIC = 'moh';

export class WaitingAnnouncements {
  constructor(
    private readonly deps: {
      store: HubStore;
      live: LiveCalls;
      player: PromptPlayer;
      offerer: CallOfferer;
      routingConfig: () => RoutingConfig;
    },
  ) {}

  /** Announcements (position, wait), music between them, and the maximum wait. */
  start(call: QueueCall, live: Live, before: string[]): void {
    const line = live.line;
    const announce = async (first: boolean): Promise<void> => {
      const current = this.deps.store.queueCalls.byId(call.callId);
      if (!current || (current.state !== 'waiting' && current.state !== 'offering')) return;
      const played = await this.deps.live.say(call, [
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
      if ((await this.deps.player.play(this.deps.live.target(call), [MUSIC])) !== 'played') return;
    }
  }

  private positionPrompts(call: QueueCall): string[] {
    const waiting = this.deps.offerer.waitingInOrder();
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
    const live = this.deps.live.get(callId);
    if (!call || !live || (call.state !== 'waiting' && call.state !== 'offering')) return;
    const overflow = live.line?.overflow ?? { kind: 'callback', digit: '1' };
    if (overflow.kind === 'group') {
      store.write((tx) => {
        const thread = store.threads.byId(call.threadId);
        if (thread) updateThread(tx, store, thread, {}, { groupId: overflow.groupId });
        callEvent(tx, store, call.threadId, 'overflowed', { groupId: overflow.groupId });
      });
      this.deps.offerer.wake();
      return;
    }
    live.callbackOffered = true;
    void this.deps.live.say(call, ['callback_offer']).then((played) => {
      if (played) void this.music(call);
    });
  }
}

/**
 * Walks a caller through the line's voice menu (the steps come from src/shared/calls/menuWalk.ts):
 * says each step's prompt, waits for a key or the step's timeout, writes each choice to the thread,
 * and ends the walk in the queue of the group the caller chose, or with a goodbye (self-service).
 * A line without a menu sends its callers straight to the queue.
 */
import { nextStep, startMenu, type MenuInput, type MenuStep } from '../../shared/calls/menuWalk.js';
import type { ServiceLine } from '../../shared/calls/serviceLine.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { CallOfferer } from './callOfferer.js';
import { callEvent, updateThread } from './callThreads.js';
import type { Live, LiveCalls } from './liveCalls.js';
import type { PromptPlayer } from './promptPlayer.js';
import type { WaitingAnnouncements } from './waitingAnnouncements.js';

export class VoiceMenu {
  constructor(
    private readonly deps: {
      store: HubStore;
      live: LiveCalls;
      player: PromptPlayer;
      waiting: WaitingAnnouncements;
      offerer: CallOfferer;
    },
  ) {}

  /** A new caller of `line`: its menu after `welcome`, or the queue when it has none. */
  start(call: QueueCall, live: Live, line: ServiceLine, welcome: string[]): void {
    if (line.menu) this.runStep(call, live, startMenu(line.menu), welcome);
    else this.enterQueue(call, live, { groupId: null, topic: null }, welcome);
  }

  /** The caller pressed a key, the step was said, or its time ran out. */
  step(call: QueueCall, live: Live, input: MenuInput): void {
    const menu = live.line?.menu;
    const at = live.menu;
    if (!menu || !at || at.do === 'queue' || at.do === 'hangup') return;
    const next = nextStep(menu, at.at, input);
    if (!next) return; // a key during an announcement is not a choice
    this.deps.live.clearTimers(live);
    if (input.kind === 'digit') {
      this.deps.player.stop(this.deps.live.target(call), true);
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

  private runStep(call: QueueCall, live: Live, step: MenuStep, before: string[] = []): void {
    const { live: calls } = this.deps;
    live.menu = step;
    switch (step.do) {
      case 'say':
        void calls.say(call, [...before, step.prompt]).then((played) => {
          if (played) this.step(call, live, { kind: 'said' });
        });
        return;
      case 'ask':
        void calls.say(call, [...before, ...step.before, step.prompt]).then((played) => {
          if (!played) return;
          live.timers.push(setTimeout(() => this.step(call, live, { kind: 'timeout' }), step.timeoutSeconds * 1000));
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
        void calls.say(call, [...before, 'goodbye']).then((played) => {
          if (played) calls.finish(call.callId, 'self_service', 480, 'Temporarily Unavailable');
        });
        return;
    }
  }

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
    live.menu = null;
    this.deps.waiting.start(call, live, before);
    this.deps.offerer.wake();
  }
}

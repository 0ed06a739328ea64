/**
 * A call arrives at a line: it becomes a phone thread of the recognised customer, then a blocked
 * number is refused busy, a caller out of hours hears so and is let go, and everyone else is
 * welcomed into the line's voice menu. A call on a transfer address is the transfer's to take back.
 */
import type { Logger } from '../../shared/log.js';
import type { PbxEvent } from '../../shared/calls/pbxProtocol.js';
import type { ServiceLine } from '../../shared/calls/serviceLine.js';
import type { Thread } from '../../shared/domain.js';
import { isOpen } from '../../shared/queue/businessHours.js';
import { responseTarget } from '../../shared/queue/slaPolicy.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import { toE164 } from '../../shared/softphone/phoneNumber.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import { runHooks, type CallHook } from './callHooks.js';
import { callEvent, openCallThread, type RecognizeCaller } from './callThreads.js';
import type { CallTransfers } from './callTransfers.js';
import type { LiveCalls } from './liveCalls.js';
import type { VoiceMenu } from './voiceMenu.js';

export class CallArrivals {
  constructor(
    private readonly deps: {
      store: HubStore;
      live: LiveCalls;
      transfers: CallTransfers;
      menu: VoiceMenu;
      recognize: RecognizeCaller;
      routingConfig: () => RoutingConfig;
      hooks: readonly CallHook[];
      now: () => number;
      log: Logger;
    },
  ) {}

  arrived(event: Extract<PbxEvent, { event: 'arrived' }>): void {
    const { store, now, live: calls } = this.deps;
    const at = now();
    if (store.queueCalls.byId(event.callId)) return; // a repeated event: the call is known
    const caller = toE164(event.from) ?? event.from;
    const reject = (code: 404 | 480 | 486 | 503, reason: string) =>
      calls.send({ cmd: 'reject', callId: event.callId, tindex: event.tindex, tlabel: event.tlabel, code, reason });

    if (this.deps.transfers.arrived(event, caller, at)) return;
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
    const live = calls.add(row.callId, line);
    if (!open) {
      void calls.say(row, ['out_of_hours']).then((played) => {
        if (played) calls.finish(row.callId, 'self_service', 480, 'Temporarily Unavailable');
      });
      return;
    }
    this.deps.log.info('call arrived', { callId: row.callId, threadId: thread.id, line: line.number });
    this.deps.menu.start(row, live, line, ['welcome', ...this.hookPrompts(line)]);
  }

  /** What the features say right after the welcome (the recording notice). */
  private hookPrompts(line: ServiceLine): string[] {
    const prompts: string[] = [];
    runHooks(this.deps.hooks, this.deps.log, (hook) => void prompts.push(...(hook.arrivalPrompts?.(line) ?? [])));
    return prompts;
  }
}

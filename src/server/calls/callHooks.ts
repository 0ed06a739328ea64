/**
 * How features that live beside the call queue (recording, monitoring, call quality, the rating after a
 * call, the shift check) follow calls without the queue knowing them: each gives a hook, the queue calls
 * every hook at fixed points. A hook that throws is logged and never stops the queue or another hook.
 */
import type { Logger } from '../../shared/log.js';
import type { PbxEvent } from '../../shared/calls/pbxProtocol.js';
import type { ServiceLine } from '../../shared/calls/serviceLine.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';

export interface CallHook {
  /**
   * Sees every PBX event before the queue. True: the event belongs to a call this hook owns (an arrival
   * at its own address, such as the rating or the shift check) and the queue leaves it alone.
   */
  onEvent?(event: PbxEvent): boolean;
  /** A digit a caller pressed; true when it was for a call this hook owns. */
  onDigit?(callId: string, digit: string): boolean;
  /** Prompts said right after the welcome to a caller of this line (the recording notice). */
  arrivalPrompts?(line: ServiceLine): string[];
  /** The queue stored a call as answered (the row is the stored one). */
  answered?(call: QueueCall): void;
  /** The queue stored an answered call as ended. */
  ended?(call: QueueCall, by: 'caller' | 'agent'): void;
}

/** Runs `each` on every hook in order until one returns true; a hook that throws is logged and skipped. */
export function runHooks(hooks: readonly CallHook[], log: Logger, each: (hook: CallHook) => boolean | void): boolean {
  for (const hook of hooks) {
    try {
      if (each(hook) === true) return true;
    } catch (error) {
      log.error('a call hook failed', { error: String(error) });
    }
  }
  return false;
}

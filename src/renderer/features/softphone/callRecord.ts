/** A finished call as the core logs it (call.record): pure, so what reaches the hub is tested. */
import type { CallRecord } from '../../../shared/softphone/callLog.js';
import { heldPeriods, type CallState } from '../../../shared/softphone/callMachine.js';
import { toE164 } from '../../../shared/softphone/phoneNumber.js';
import type { CallerInfo, CallNotes } from './softphoneSlice.js';

function remoteUser(uri: string): string {
  return uri.replace(/^sips?:/, '').split('@')[0] ?? '';
}

/**
 * The record of an ended call (null while it is live). A call of the queue is added to its thread
 * (threadId = queuedThreadId = the thread's id); any other call becomes a new phone thread with `newId`.
 */
export function callRecordFor(
  call: CallState,
  caller: CallerInfo | undefined,
  notes: CallNotes | undefined,
  ids: { newThreadId: string; messageId: string },
): CallRecord | null {
  if (call.endedAt === null || call.endedBy === null) return null;
  const queued = call.thread?.threadId ?? null;
  return {
    threadId: queued ?? ids.newThreadId,
    queuedThreadId: queued,
    messageId: ids.messageId,
    direction: call.direction,
    remoteUri: call.remoteUri,
    remoteNumber: caller?.e164 ?? call.remoteNumber ?? toE164(remoteUser(call.remoteUri)),
    remoteName: call.remoteName,
    customerId: caller?.customer?.id ?? null,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    endedBy: call.endedBy,
    endReason: (call.endReason ?? 'bye').slice(0, 40),
    transfers: call.transfers.slice(0, 20),
    notes: notes?.notes ?? '',
    topic: (notes?.topic ?? '').trim(),
    holds: heldPeriods(call),
  };
}

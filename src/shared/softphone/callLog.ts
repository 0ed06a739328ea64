/**
 * A finished call as it travels to the hub: every call becomes a phone thread (with a customer,
 * new when the number is unknown) carrying one system message that sums the call up.
 */
import { z } from 'zod';
import { Id, Millis } from '../domain.js';
import { formatCallTimer } from './callMachine.js';
import { E164_PATTERN } from './phoneNumber.js';

export const CallRecord = z.object({
  /** Client-made ids, so a retried push creates nothing twice. */
  threadId: Id,
  messageId: Id,
  direction: z.enum(['inbound', 'outbound']),
  remoteUri: z.string().trim().min(1).max(300),
  /** E.164 when the other side is a phone number. */
  remoteNumber: z.string().regex(E164_PATTERN, 'the number must be E.164').nullable(),
  remoteName: z.string().trim().max(200).nullable(),
  /** The customer the caller was matched to in the local cache, if any. */
  customerId: Id.nullable(),
  startedAt: Millis,
  answeredAt: Millis.nullable(),
  endedAt: Millis,
  endedBy: z.enum(['local', 'remote', 'system']),
  endReason: z.string().max(40),
});
export type CallRecord = z.infer<typeof CallRecord>;

export function callDurationMs(call: Pick<CallRecord, 'answeredAt' | 'endedAt'>): number {
  return call.answeredAt === null ? 0 : Math.max(0, call.endedAt - call.answeredAt);
}

const ENDED_BY = { local: 'the agent', remote: 'the customer', system: 'the system' } as const;

/** The text of the thread's summary message (data, in English; the renderer shows the thread in its own language). */
export function callSummaryText(call: CallRecord): string {
  const who = call.remoteNumber ?? call.remoteUri;
  const what = call.direction === 'inbound' ? 'Inbound call' : 'Outbound call';
  const ender = ENDED_BY[call.endedBy];
  const transferred = call.endReason === 'transferred' ? ' (transferred)' : '';
  const outcome =
    call.answeredAt === null
      ? `not answered (${call.endReason})`
      : `talked ${formatCallTimer(callDurationMs(call))}, ended by ${ender}${transferred}`;
  return `${what} ${who}: ${outcome}`;
}

/**
 * A finished call as it travels to the hub: every call becomes a phone thread (with a customer,
 * new when the number is unknown) carrying one system message that sums the call up.
 */
import { z } from 'zod';
import { CallQualitySummary } from '../callQuality/callQuality.js';
import { Id, Millis } from '../domain.js';
import { formatCallTimer } from './callMachine.js';
import { E164_PATTERN } from './phoneNumber.js';

export const CALL_NOTE_LIMITS = { notes: 4000, topic: 100, transfers: 20 } as const;

/** One hand-over of the call (blind or attended), in the order they were tried. */
export const CallTransferRecord = z.object({
  target: z.string().trim().min(1).max(300),
  kind: z.enum(['blind', 'attended']),
  at: Millis,
  /** null: still running when the call ended. */
  ok: z.boolean().nullable(),
});
export type CallTransferRecord = z.infer<typeof CallTransferRecord>;

export const CallRecord = z.object({
  /**
   * Client-made ids, so a retried push creates nothing twice. For a call of the queue (below) the
   * thread id is that thread's: the call is added to it.
   */
  threadId: Id,
  /**
   * The queue's thread this call belongs to: the thread named by X-Okno-Thread when the hub offered a
   * queued call, or the callback task being called back. Set: the hub adds the summary message and the
   * call's events to this existing thread instead of creating one; threadId is then the same id.
   * Absent or null: a call of its own, which becomes a new phone thread.
   */
  queuedThreadId: Id.nullable().optional(),
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
  transfers: z.array(CallTransferRecord).max(CALL_NOTE_LIMITS.transfers).default([]),
  /** The agent's notes and topic as they stood when the call ended (later edits: CallNote). */
  notes: z.string().max(CALL_NOTE_LIMITS.notes).default(''),
  topic: z.string().trim().max(CALL_NOTE_LIMITS.topic).default(''),
  /** When the caller was on hold (average handle time = talk + hold + after-call work). */
  holds: z
    .array(
      z
        .object({ from: Millis, to: Millis })
        .refine((h) => h.to >= h.from, { message: 'a hold must end after it starts', path: ['to'] }),
    )
    .max(100)
    .default([]),
  /** What the agent's WebRTC statistics saw of the call (decision 0040); absent when nothing was sampled. */
  quality: CallQualitySummary.optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;

/** The agent's notes and topic saved after the call was logged: one more message in its thread. */
export const CallNoteFields = z.object({
  threadId: Id,
  messageId: Id,
  notes: z.string().max(CALL_NOTE_LIMITS.notes),
  topic: z.string().trim().max(CALL_NOTE_LIMITS.topic),
});
export const CallNote = CallNoteFields.refine(
  (note) => note.notes.trim() !== '' || note.topic !== '',
  'a call note needs notes or a topic',
);
export type CallNote = z.infer<typeof CallNote>;

/** The text of a note message (data, in English like the summary). */
export function callNoteText(note: Pick<CallRecord, 'notes' | 'topic'>): string {
  const lines: string[] = [];
  if (note.topic !== '') lines.push(`Topic: ${note.topic}`);
  if (note.notes.trim() !== '') lines.push(`Notes: ${note.notes.trim()}`);
  return lines.join('\n');
}

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
  const transfers = (call.transfers ?? [])
    .map((t) => `${t.kind} transfer to ${t.target}${t.ok === false ? ' (failed)' : ''}`)
    .join(', ');
  const extra = callNoteText({ notes: call.notes ?? '', topic: call.topic ?? '' });
  return [`${what} ${who}: ${outcome}`, transfers ? `Transfers: ${transfers}` : '', extra].filter(Boolean).join('\n');
}

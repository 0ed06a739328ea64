/**
 * The messages between the hub and Kamailio's evapi socket (docs/pbx-queue-protocol.md). Kamailio
 * sends events, the hub sends commands; both sides parse what they receive with these schemas.
 */
import { z } from 'zod';

const CallId = z.string().min(1).max(256);
const Tindex = z.coerce.number().int().nonnegative();
const SipStatus = z.coerce.number().int().min(100).max(699);

export const PbxEvent = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('arrived'),
    callId: CallId,
    fromTag: z.string().max(256),
    /** The caller: user part of the From URI (a number for trunks) or the whole URI. */
    from: z.string().max(256),
    fromName: z.string().max(256).default(''),
    /** The request user: the dialled service number or transfer address. */
    to: z.string().max(256),
    tindex: Tindex,
    tlabel: Tindex,
    source: z.string().max(100).default(''),
  }),
  z.object({ event: z.literal('offer_failed'), callId: CallId, code: SipStatus, tindex: Tindex, tlabel: Tindex }),
  z.object({ event: z.literal('answered'), callId: CallId, contact: z.string().max(256).default('') }),
  z.object({ event: z.literal('abandoned'), callId: CallId }),
  z.object({ event: z.literal('ended'), callId: CallId, by: z.enum(['caller', 'agent']).catch('caller') }),
  /**
   * After the hub (re)connects: a queue call Kamailio still holds; with tindex/tlabel while it is
   * suspended (waiting for the hub), without while an agent's phone rings or the call is answered.
   */
  z.object({ event: z.literal('present'), callId: CallId, tindex: Tindex.optional(), tlabel: Tindex.optional() }),
  /** The end of the `present` list. */
  z.object({ event: z.literal('synced') }),
]);
export type PbxEvent = z.infer<typeof PbxEvent>;

export const PbxCommand = z.discriminatedUnion('cmd', [
  z.object({
    cmd: z.literal('reject'),
    callId: CallId,
    tindex: z.number().int().nonnegative(),
    tlabel: z.number().int().nonnegative(),
    code: z.union([z.literal(404), z.literal(480), z.literal(486), z.literal(503)]),
    reason: z.string().regex(/^[A-Za-z ]{1,40}$/, 'a SIP reason phrase: letters and spaces'),
  }),
  z.object({
    cmd: z.literal('offer'),
    callId: CallId,
    tindex: z.number().int().nonnegative(),
    tlabel: z.number().int().nonnegative(),
    /** The agent's SIP user (extension) as registered at this PBX. */
    user: z.string().regex(/^[A-Za-z0-9+._-]{1,64}$/, 'a SIP user name'),
    threadId: z.string().uuid(),
    timeoutMs: z.number().int().min(1000).max(120_000),
    /** For the agent's call card (X-Okno-Line, X-Okno-Waited-Ms): the number called, the wait so far. */
    line: z
      .string()
      .regex(/^\+?[0-9]{2,20}$/)
      .optional(),
    waitedMs: z.number().int().nonnegative().max(999_999_999).optional(),
  }),
]);
export type PbxCommand = z.infer<typeof PbxCommand>;

/** rtpengine names a queued caller's media call after the SIP call: `q-<Call-ID>`. */
export const QUEUE_MEDIA_PREFIX = 'q-';

/** RFC 4733 event numbers as rtpengine logs them → the key pressed. */
export function dtmfDigit(event: number): string | null {
  if (Number.isInteger(event) && event >= 0 && event <= 9) return String(event);
  if (event === 10) return '*';
  if (event === 11) return '#';
  return null;
}

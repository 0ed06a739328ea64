/**
 * Live monitoring of calls (issue 16, decision 0039): a lead listens to a live call (neither side hears
 * the lead), whispers (only the agent hears the lead) or barges in (both hear). The media goes through
 * rtpengine: the lead's page subscribes to each party of the call, publishes its microphone for
 * whisper and barge, and the agent's app subscribes to that voice.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export const MonitorMode = z.enum(MONITOR_MODES);
export type MonitorMode = z.infer<typeof MonitorMode>;

/** The desk audit's action for each mode, and for a refusal (src/server/storage/deskAuditRepo.ts). */
export const MONITOR_AUDIT = {
  listen: 'monitor.listen',
  whisper: 'monitor.whisper',
  barge: 'monitor.barge',
  refused: 'monitor.refused',
} as const;

/** A session description (SDP) as text; rtpengine's and a browser's are a few kB. */
export const Sdp = z
  .string()
  .min(10, 'the session description is empty')
  .max(65_536, 'the session description is longer than 64 KiB')
  .refine((sdp) => sdp.startsWith('v=0'), 'a session description starts with "v=0"');

/** The SIP Call-ID of a call (rtpengine's call-id for it). */
export const SipCallId = z.string().min(1).max(255);

/** Whose voice a subscription carries: the caller's or the agent's. */
export const MonitorParty = z.enum(['caller', 'agent']);
export type MonitorParty = z.infer<typeof MonitorParty>;

export const MonitorWatcher = z.object({ sessionId: Id, leadId: Id, leadName: z.string(), mode: MonitorMode });
export type MonitorWatcher = z.infer<typeof MonitorWatcher>;

/** An answered call of the queue, as the lead panel lists it. */
export const LiveCall = z.object({
  callId: SipCallId,
  threadId: Id,
  caller: z.string(),
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  answeredAt: z.number().int(),
  watchers: z.array(MonitorWatcher),
});
export type LiveCall = z.infer<typeof LiveCall>;
export const LiveCalls = z.object({ calls: z.array(LiveCall) });
export type LiveCalls = z.infer<typeof LiveCalls>;

/**
 * What answers rtpengine's offers: a browser (DTLS-SRTP with ICE, the default) or a plain RTP endpoint
 * (a SIP desk phone's media, a recorder on the LAN, the hub's own tests).
 */
export const TapMedia = z.enum(['browser', 'rtp']);
export type TapMedia = z.infer<typeof TapMedia>;

export const StartMonitorInput = z.object({ callId: SipCallId, mode: MonitorMode, media: TapMedia.default('browser') });
export type StartMonitorInput = z.infer<typeof StartMonitorInput>;

/** rtpengine's offer for one party's voice; the lead's page answers each on its own connection. */
export const MonitorLeg = z.object({ party: MonitorParty, sdp: Sdp });
export type MonitorLeg = z.infer<typeof MonitorLeg>;

export const MonitorSession = z.object({
  sessionId: Id,
  callId: SipCallId,
  threadId: Id,
  mode: MonitorMode,
  legs: z.array(MonitorLeg),
});
export type MonitorSession = z.infer<typeof MonitorSession>;

export const LegAnswerInput = z.object({ party: MonitorParty, sdp: Sdp });
export const SdpInput = z.object({ sdp: Sdp });
export const HearInput = z.object({ media: TapMedia.default('browser') });
export const SdpOutput = z.object({ sdp: Sdp });
export const ModeInput = z.object({ mode: MonitorMode });
export const Done = z.object({ ok: z.literal(true) });

/** What the agent's app polls while a call is up: a lead whispering or joined, and whether to hear them. */
export const AgentMonitor = z.object({
  sessionId: Id,
  callId: SipCallId,
  leadName: z.string(),
  mode: MonitorMode,
  /** The lead's voice reaches rtpengine and the mode lets the agent hear it (whisper, barge). */
  voice: z.boolean(),
});
export type AgentMonitor = z.infer<typeof AgentMonitor>;
export const MineOutput = z.object({ monitor: AgentMonitor.nullable() });

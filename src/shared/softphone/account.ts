/**
 * The softphone's SIP account as the agent enters it in settings. The password travels apart
 * from the rest: the core keeps it sealed and hands it only to the renderer that registers.
 */
import { z } from 'zod';
import { isSipUri, webSocketUriProblem } from './sipUri.js';

export const SIP_LIMITS = { uri: 300, user: 100, password: 200, displayName: 100, iceServers: 8 } as const;

const PbxUri = z
  .string()
  .trim()
  .max(SIP_LIMITS.uri)
  .superRefine((value, ctx) => {
    const problem = webSocketUriProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const SipUri = z
  .string()
  .trim()
  .max(SIP_LIMITS.uri)
  .refine(isSipUri, 'the SIP address must look like sip:agent@pbx.example.com');

const IceServerUrl = z
  .string()
  .trim()
  .max(SIP_LIMITS.uri)
  .regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'an ICE server must start with stun:, stuns:, turn: or turns:');

export const DtmfMode = z.enum(['rfc4733', 'info']);
export type DtmfMode = z.infer<typeof DtmfMode>;

export const SoftphoneAccount = z.object({
  /** ws:// or wss:// (RFC 7118). */
  serverUri: PbxUri,
  sipUri: SipUri,
  /** Digest user; empty means the user part of the SIP URI. */
  authUser: z.string().trim().max(SIP_LIMITS.user).default(''),
  displayName: z.string().trim().max(SIP_LIMITS.displayName).default(''),
  /** Optional outbound proxy (a SIP URI), empty for none. */
  outboundProxy: z
    .string()
    .trim()
    .max(SIP_LIMITS.uri)
    .refine((v) => v === '' || isSipUri(v), 'the outbound proxy must be a SIP address')
    .default(''),
  iceServers: z.array(IceServerUrl).max(SIP_LIMITS.iceServers).default([]),
  dtmfMode: DtmfMode.default('rfc4733'),
  // No after-call-work length here: it is the hub's (agent status settings, decision 0015). An
  // account saved with the old `afterCallWorkSeconds` still loads; the object drops unknown keys.
});
export type SoftphoneAccount = z.infer<typeof SoftphoneAccount>;

export const SipPassword = z.string().max(SIP_LIMITS.password);

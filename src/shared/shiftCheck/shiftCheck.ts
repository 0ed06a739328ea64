/**
 * The microphone and network check before a shift (issue 16, decision 0043): the softphone calls
 * `okno-check-<language>-<token>`, the hub answers it on early media, records the agent for a few
 * seconds, measures the level, plays it back and ends the call; the app asks for the hub's figures by
 * the token it made and judges the network from its own getStats.
 */
import { z } from 'zod';

/** The user part every check address starts with (Kamailio sends it to the hub as an unknown number). */
export const CHECK_ADDRESS_PREFIX = 'okno-check';

/** The app's random token: names the check's result without telling the hub who asks. */
export const CheckToken = z.string().regex(/^[a-z0-9]{16,40}$/, 'a check token: 16-40 lowercase letters and digits');
export type CheckToken = z.infer<typeof CheckToken>;

export type CheckLanguage = 'en' | 'ru';

/** `okno-check-<language>-<token>` (the SIP user dialled). */
export function checkAddress(language: CheckLanguage, token: string): string {
  return `${CHECK_ADDRESS_PREFIX}-${language}-${token}`;
}

const ADDRESS = /^okno-check(?:-(en|ru)-([a-z0-9]{16,40}))?$/;

/** The language and token of a dialled user, or null when it is not a check address. Bare `okno-check` has no token. */
export function parseCheckAddress(user: string): { language: CheckLanguage; token: string | null } | null {
  const match = ADDRESS.exec(user);
  if (!match) return null;
  return { language: (match[1] as CheckLanguage | undefined) ?? 'en', token: match[2] ?? null };
}

/** What the hub heard: `heard` speech-like level, `quiet` something under it, `silent` nothing (or no audio at all). */
export const MicVerdict = z.enum(['heard', 'quiet', 'silent']);
export type MicVerdict = z.infer<typeof MicVerdict>;

/** Level thresholds on the loudest tenth of 20 ms frames, in dBFS. */
export const MIC_HEARD_DBFS = -40;
export const MIC_QUIET_DBFS = -60;

export function micVerdict(activeDbfs: number | null): MicVerdict {
  if (activeDbfs === null || activeDbfs < MIC_QUIET_DBFS) return 'silent';
  return activeDbfs >= MIC_HEARD_DBFS ? 'heard' : 'quiet';
}

export const ShiftCheckResult = z.object({
  /** waiting: the call is on (the hub has not measured yet); done: measured (and played back unless playedBack is false); failed: see failure. */
  state: z.enum(['waiting', 'done', 'failed']),
  mic: MicVerdict.nullable(),
  /** Level of the loudest tenth of 20 ms frames; null when no audio reached the PBX. */
  activeDbfs: z.number().nullable(),
  /** Whole-recording RMS and sample peak, dBFS (null when no audio). */
  rmsDbfs: z.number().nullable(),
  peakDbfs: z.number().nullable(),
  /** RTP packets received from the agent while recording, and how long the recording is. */
  packets: z.number().int().nonnegative(),
  recordedMs: z.number().int().nonnegative(),
  playedBack: z.boolean(),
  failure: z.enum(['no_media_server', 'recording_failed', 'hung_up']).nullable(),
});
export type ShiftCheckResult = z.infer<typeof ShiftCheckResult>;

/** The app's network figures from getStats during the check (null: the browser gave none). */
export interface NetworkFigures {
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  /** The microphone's level as the browser sends it, 0..1 (media-source audioLevel, loudest seen). */
  sentLevel: number | null;
}

export const NETWORK_LIMITS = { rttMs: 300, jitterMs: 30, lossPercent: 2 } as const;

/** good: every known figure within NETWORK_LIMITS; poor: one is over; unknown: no figure at all. */
export function networkVerdict(figures: NetworkFigures): 'good' | 'poor' | 'unknown' {
  const known = (['rttMs', 'jitterMs', 'lossPercent'] as const).filter((key) => figures[key] !== null);
  if (known.length === 0) return 'unknown';
  return known.every((key) => (figures[key] as number) <= NETWORK_LIMITS[key]) ? 'good' : 'poor';
}

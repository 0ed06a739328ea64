/**
 * Call recordings (issue 16): the policy of a line and a group, a recording's facts and waveform, and
 * the state of the recorder on a live call. rtpengine records, the hub keeps the audio outside its
 * database; the app plays it back through the core.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

/** all: every answered call; none: never; on_demand: the agent starts it on the call card. */
export const RecordingPolicy = z.enum(['all', 'none', 'on_demand']);
export type RecordingPolicy = z.infer<typeof RecordingPolicy>;

/** A line's recording rules (kept in the line's settings). */
export const LineRecording = z.object({
  policy: RecordingPolicy.default('none'),
  /** Callers hear the spoken notice ("this call may be recorded") before anything else. */
  notice: z.boolean().default(false),
  /** Recordings of this line's calls are deleted this many days after the call. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
});
export type LineRecording = z.infer<typeof LineRecording>;

/** Why the recorder is paused; several may hold at once (it resumes when none is left). */
export const PauseReason = z.enum(['manual', 'identification', 'sensitive_template']);
export type PauseReason = z.infer<typeof PauseReason>;

/** A stretch of silence in the file: where it starts (ms from the recording's start) and how long it is. */
export const RecordingPause = z.object({
  atMs: z.number().int().nonnegative(),
  lengthMs: z.number().int().nonnegative(),
  reasons: z.array(PauseReason),
});
export type RecordingPause = z.infer<typeof RecordingPause>;

export const Recording = z.object({
  id: Id,
  threadId: Id,
  /** The agent who answered the call. */
  agentId: Id.nullable(),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  /** processing: the call ended and the audio is being made; failed: nothing playable came of it. */
  state: z.enum(['recording', 'processing', 'ready', 'failed']),
  durationMs: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** The audio's media type (audio/wav). */
  mediaType: z.string(),
  pauses: z.array(RecordingPause),
  /** The waveform: peak level per slice, 0–255, a few hundred slices over the whole file. */
  peaks: z.array(z.number().int().min(0).max(255)),
  /** When retention deletes it. */
  deleteAfter: z.number().int(),
});
export type Recording = z.infer<typeof Recording>;

export const ThreadRecordings = z.object({
  recordings: z.array(Recording),
  /** Whether the caller may play and download these (leads; agents their own calls when allowed). */
  canPlay: z.boolean(),
});
export type ThreadRecordings = z.infer<typeof ThreadRecordings>;

/** One slice of a recording's audio, base64; the first slice of a playback or download is audited. */
export const AudioSliceInput = z.object({
  offset: z.number().int().nonnegative(),
  length: z
    .number()
    .int()
    .min(1)
    .max(512 * 1024),
  purpose: z.enum(['play', 'download']),
});
export const AudioSlice = z.object({ total: z.number().int().nonnegative(), data: z.string() });
export type AudioSlice = z.infer<typeof AudioSlice>;

/** The recorder on a live call of this thread. */
export const LiveRecording = z.object({
  threadId: Id,
  /**
   * off: not recorded (policy none, or no live call); available: on demand, not started; recording;
   * paused; stopped: the hub stopped it (disk full or the size cap) and admins were told.
   */
  state: z.enum(['off', 'available', 'recording', 'paused', 'stopped']),
  pausedFor: z.array(PauseReason),
});
export type LiveRecording = z.infer<typeof LiveRecording>;

export const PauseInput = z.object({ reason: PauseReason });

/** Team-wide recording settings (admins). */
export const RecordingSettings = z.object({
  /** The recordings folder may hold this many bytes; past it no new recording starts and admins are told. */
  capBytes: z
    .number()
    .int()
    .min(1024 * 1024),
  /** Agents may play their own calls' recordings. */
  agentsHearOwn: z.boolean(),
});
export type RecordingSettings = z.infer<typeof RecordingSettings>;

/** Whether recording works now, for the admins' alert. */
export const RecordingHealth = z.object({
  state: z.enum(['ok', 'disk_full', 'cap_reached', 'no_media_server']),
  usedBytes: z.number().int().nonnegative(),
  capBytes: z.number().int().nonnegative(),
  /** Free bytes on the recordings' disk; null when unknown. */
  freeBytes: z.number().int().nonnegative().nullable(),
  /** Since when it is not ok. */
  since: z.number().int().nullable(),
});
export type RecordingHealth = z.infer<typeof RecordingHealth>;

/**
 * Planned activities (decision 0036): a callback, a meeting or a reminder set for a customer at a
 * time, for an agent or a group, with a note. When due, the hub opens a thread for it and puts that
 * thread in the queue of the agent or group it was planned for.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

export const ACTIVITY_KINDS = ['callback', 'meeting', 'reminder'] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** planned → queued (due: its thread is in the queue) → done; planned or queued → cancelled. */
export const ActivityState = z.enum(['planned', 'queued', 'done', 'cancelled']);
export type ActivityState = z.infer<typeof ActivityState>;

export const NOTE_MAX = 1000;
/** How far ahead an activity may be planned: a year. */
export const PLAN_AHEAD_MAX_MS = 366 * 24 * 3600_000;
/** A time this much in the past is taken as "now" (the form's clock and the hub's differ a little). */
export const PAST_TOLERANCE_MS = 60_000;

export const PlanActivityInput = z
  .object({
    /** The client-made id (UUID v7): planning the same id again returns the activity planned first. */
    id: Id.optional(),
    kind: ActivityKind,
    /** When it is due (UTC epoch ms). */
    dueAt: z.number().int().positive(),
    /** The customer it is for; taken from the thread when planned from a conversation. */
    customerId: Id.nullable().default(null),
    /** The conversation it was planned from, if any. */
    threadId: Id.nullable().default(null),
    /** For whom: an agent or a group; neither means the agent planning it. */
    agentId: Id.nullable().default(null),
    groupId: Id.nullable().default(null),
    note: z.string().trim().max(NOTE_MAX, `note is longer than ${NOTE_MAX} characters`).default(''),
  })
  .refine((i) => i.agentId === null || i.groupId === null, {
    message: 'plan it for an agent or a group, not both',
    path: ['groupId'],
  })
  .refine((i) => i.customerId !== null || i.threadId !== null, {
    message: 'an activity needs a customer (customerId) or the conversation it comes from (threadId)',
    path: ['customerId'],
  });
export type PlanActivityInput = z.infer<typeof PlanActivityInput>;

export const Activity = z.object({
  id: Id,
  kind: ActivityKind,
  state: ActivityState,
  dueAt: z.number().int(),
  customerId: Id,
  customerName: z.string(),
  /** The conversation it was planned from. */
  originThreadId: Id.nullable(),
  /** The thread opened for it when it became due. */
  queuedThreadId: Id.nullable(),
  queuedThreadNumber: z.number().int().nullable(),
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  groupId: Id.nullable(),
  groupName: z.string().nullable(),
  note: z.string(),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: z.number().int(),
  /** When its thread entered the queue. */
  queuedAt: z.number().int().nullable(),
  /** When it was done or cancelled, and by whom. */
  closedAt: z.number().int().nullable(),
  closedBy: Id.nullable(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityList = z.object({ activities: z.array(Activity) });
export type ActivityList = z.infer<typeof ActivityList>;

/** Who an activity can be planned for: every agent and every group (names only). */
export const ActivityTargets = z.object({
  agents: z.array(z.object({ id: Id, name: z.string() })),
  groups: z.array(z.object({ id: Id, name: z.string() })),
});
export type ActivityTargets = z.infer<typeof ActivityTargets>;

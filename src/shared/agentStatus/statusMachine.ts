/**
 * The agent status machine, pure and time-injected: what a request does to the current status,
 * when after-call work ends, and which statuses give up open threads. The hub applies it; the
 * renderer uses the same rules to show the countdown and the reason picker.
 */
import { z } from 'zod';
import { DEFAULT_NOT_READY_REASONS, NotReadyReason, type AgentStatus } from '../domain.js';
import { OknoError } from '../errors.js';

/** Hub settings a lead edits: the not-ready reasons offered and the length of after-call work. */
export const AgentStatusSettings = z.object({
  notReadyReasons: z
    .array(NotReadyReason)
    .min(1)
    .max(30)
    // A reason twice would show twice in the picker; the issue names the second one.
    .superRefine((reasons, ctx) => {
      reasons.forEach((reason, index) => {
        if (reasons.indexOf(reason) !== index)
          ctx.addIssue({ code: 'custom', path: [index], message: `"${reason}" is listed twice` });
      });
    })
    .default([...DEFAULT_NOT_READY_REASONS]),
  /** 0 turns after-call work off: a call's end leaves the agent ready. */
  afterCallWorkSeconds: z.number().int().min(0).max(3600).default(30),
});
export type AgentStatusSettings = z.infer<typeof AgentStatusSettings>;

export const DEFAULT_AGENT_STATUS_SETTINGS: AgentStatusSettings = AgentStatusSettings.parse({});

/** What an agent may ask for; `after_call_work` comes only from a call's end (`callEnded`). */
export const StatusRequest = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready') }),
  z.object({ status: z.literal('not_ready'), reason: NotReadyReason }),
  z.object({ status: z.literal('away') }),
  z.object({ status: z.literal('after_call_work') }),
]);
export type StatusRequest = z.infer<typeof StatusRequest>;

export interface StatusState {
  status: AgentStatus;
  statusReason: string | null;
  acwUntil: number | null;
}

/**
 * The status after `request` at `now`. A call's end starts after-call work only for an agent who
 * was ready (or already in after-call work, which restarts it): an agent who chose not ready or
 * away during the call keeps that choice.
 */
export function nextStatus(
  current: StatusState,
  request: StatusRequest,
  settings: AgentStatusSettings,
  now: number,
): StatusState {
  switch (request.status) {
    case 'after_call_work': {
      if (current.status !== 'ready' && current.status !== 'after_call_work') return current;
      if (settings.afterCallWorkSeconds === 0) return { status: 'ready', statusReason: null, acwUntil: null };
      return { status: 'after_call_work', statusReason: null, acwUntil: now + settings.afterCallWorkSeconds * 1000 };
    }
    case 'not_ready':
      if (!settings.notReadyReasons.includes(request.reason)) {
        throw new OknoError(
          'bad_request',
          `not-ready reason "${request.reason}" is not one of ${settings.notReadyReasons.join(', ')}`,
        );
      }
      return { status: 'not_ready', statusReason: request.reason, acwUntil: null };
    case 'ready':
    case 'away':
      return { status: request.status, statusReason: null, acwUntil: null };
  }
}

/** After-call work ran out: the agent becomes ready (unless they chose another status meanwhile). */
export function afterCallWorkExpired(state: StatusState, now: number): boolean {
  return state.status === 'after_call_work' && state.acwUntil !== null && state.acwUntil <= now;
}

/** Whole seconds of after-call work left, for the countdown (0 when none runs). */
export function afterCallWorkSecondsLeft(state: Pick<StatusState, 'status' | 'acwUntil'>, now: number): number {
  if (state.status !== 'after_call_work' || state.acwUntil === null) return 0;
  return Math.max(0, Math.ceil((state.acwUntil - now) / 1000));
}

/** Only a ready agent gets new work. */
export function takesNewWork(status: AgentStatus): boolean {
  return status === 'ready';
}

/** Away and offline return the agent's open threads to the queue; not ready and after-call work keep them. */
export function releasesThreads(status: AgentStatus): boolean {
  return status === 'away' || status === 'offline';
}

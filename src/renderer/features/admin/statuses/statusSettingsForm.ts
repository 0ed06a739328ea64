/**
 * The pure logic of the Statuses tab: the reasons list as the lead edits it (add, rename, remove)
 * and the check before saving. Problems are keys under admin.statuses.error, so the form says them
 * in the app's language; the hub checks the same rules again (shared/agentStatus/statusMachine.ts).
 */
import type { AgentStatusSettings } from '../../../../shared/agentStatus/statusMachine.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

export const MAX_REASONS = 30;
export const MAX_ACW_SECONDS = 3600;
const REASON = /^[a-z][a-z0-9_-]{0,39}$/;

export interface StatusDraft {
  reasons: string[];
  /** As typed in the number field. */
  acw: string;
}

export type StatusProblem =
  | { key: 'empty' }
  | { key: 'format' }
  | { key: 'duplicate'; reason: string }
  | { key: 'none' }
  | { key: 'tooMany'; max: number }
  | { key: 'acw'; max: number }
  /** The hub's own words (a rule the form does not know of). */
  | { key: 'hub'; message: string };

export interface StatusProblems {
  /** By the reason's index in the list. */
  reasons: Record<number, StatusProblem>;
  /** About the list as a whole. */
  list?: StatusProblem;
  acw?: StatusProblem;
}

export function draftOf(settings: AgentStatusSettings): StatusDraft {
  return { reasons: [...settings.notReadyReasons], acw: String(settings.afterCallWorkSeconds) };
}

export function addReason(draft: StatusDraft): StatusDraft {
  return { ...draft, reasons: [...draft.reasons, ''] };
}

export function renameReason(draft: StatusDraft, index: number, text: string): StatusDraft {
  return { ...draft, reasons: draft.reasons.map((reason, i) => (i === index ? text : reason)) };
}

export function removeReason(draft: StatusDraft, index: number): StatusDraft {
  return { ...draft, reasons: draft.reasons.filter((_, i) => i !== index) };
}

export function hasProblems(problems: StatusProblems): boolean {
  return Object.keys(problems.reasons).length > 0 || problems.list !== undefined || problems.acw !== undefined;
}

/** The settings to send, or the problems under each field. Reasons are trimmed; nothing is dropped silently. */
export function checkStatusDraft(
  draft: StatusDraft,
): { ok: true; settings: AgentStatusSettings } | { ok: false; problems: StatusProblems } {
  const problems: StatusProblems = { reasons: {} };
  const reasons = draft.reasons.map((reason) => reason.trim());
  reasons.forEach((reason, index) => {
    if (reason === '') problems.reasons[index] = { key: 'empty' };
    else if (!REASON.test(reason)) problems.reasons[index] = { key: 'format' };
    else if (reasons.indexOf(reason) !== index) problems.reasons[index] = { key: 'duplicate', reason };
  });
  if (reasons.length === 0) problems.list = { key: 'none' };
  else if (reasons.length > MAX_REASONS) problems.list = { key: 'tooMany', max: MAX_REASONS };

  const text = draft.acw.trim();
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > MAX_ACW_SECONDS) problems.acw = { key: 'acw', max: MAX_ACW_SECONDS };

  if (hasProblems(problems)) return { ok: false, problems };
  return { ok: true, settings: { notReadyReasons: reasons, afterCallWorkSeconds: seconds } };
}

/** The hub's field issues ("notReadyReasons.2", "afterCallWorkSeconds") placed under the same fields. */
export function hubProblems(error: ErrorInfo | null): StatusProblems {
  const problems: StatusProblems = { reasons: {} };
  for (const issue of error?.issues ?? []) {
    const hub: StatusProblem = { key: 'hub', message: issue.message };
    const reason = /^notReadyReasons\.(\d+)$/.exec(issue.path);
    if (reason) problems.reasons[Number(reason[1])] ??= hub;
    else if (issue.path === 'notReadyReasons') problems.list ??= hub;
    else if (issue.path === 'afterCallWorkSeconds') problems.acw ??= hub;
  }
  return problems;
}

/**
 * The pure logic of the Blocklist tab: the add form as typed, the check before sending and the
 * placing of the hub's issues. The expiry is a calendar day in the lead's own time: the block ends
 * when that day does. Problems are keys under admin.blocklist.error.
 */
import type { BlockInput } from '../../../../shared/calls/blocklist.js';
import type { IdentityKind } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

export interface BlockDraft {
  kind: IdentityKind;
  value: string;
  reason: string;
  /** "2027-01-31" as a date input gives it, or '' for no end. */
  expires: string;
}

export type BlockField = 'kind' | 'value' | 'reason' | 'expires';

export type BlockProblem =
  | { key: 'empty' }
  | { key: 'tooLong'; max: number }
  | { key: 'date' }
  | { key: 'past' }
  | { key: 'hub'; message: string };

export type BlockProblems = Partial<Record<BlockField | 'other', BlockProblem>>;

export const emptyBlock = (): BlockDraft => ({ kind: 'phone', value: '', reason: '', expires: '' });

/** The first moment after the local calendar day `date` ("YYYY-MM-DD"), or null when it is no date. */
export function endOfDay(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return null;
  return new Date(year, month - 1, day + 1).getTime();
}

/** What to send, or the problems under each field; `now` decides whether the expiry is already past. */
export function checkBlockDraft(
  draft: BlockDraft,
  now: number,
): { ok: true; block: BlockInput } | { ok: false; problems: BlockProblems } {
  const problems: BlockProblems = {};
  const value = draft.value.trim();
  const reason = draft.reason.trim();
  if (value === '') problems.value = { key: 'empty' };
  else if (value.length > 320) problems.value = { key: 'tooLong', max: 320 };
  if (reason === '') problems.reason = { key: 'empty' };
  else if (reason.length > 500) problems.reason = { key: 'tooLong', max: 500 };
  let expiresAt: number | null = null;
  if (draft.expires !== '') {
    expiresAt = endOfDay(draft.expires);
    if (expiresAt === null) problems.expires = { key: 'date' };
    else if (expiresAt <= now) problems.expires = { key: 'past' };
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, block: { kind: draft.kind, value, reason, expiresAt } };
}

const HUB_FIELDS: Record<string, BlockField> = { kind: 'kind', value: 'value', reason: 'reason', expiresAt: 'expires' };

/** The hub's issues ("value", "reason", "expiresAt") under the same fields; others below the form. */
export function hubProblems(error: ErrorInfo | null): BlockProblems {
  const problems: BlockProblems = {};
  for (const issue of error?.issues ?? []) {
    problems[HUB_FIELDS[issue.path] ?? 'other'] ??= { key: 'hub', message: issue.message };
  }
  return problems;
}

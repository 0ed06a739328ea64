/**
 * Where a thread (or a live call on it) can be handed: groups, service lines and agents, as the
 * pickers offer them, and the second-line group an escalation goes to. Pure: tested without a DOM.
 */
import type { TransferTarget } from '../../../shared/hubApi/callsApi.js';

export interface TargetGroup {
  id: string;
  name: string;
  escalationGroupId: string | null;
  memberIds: string[];
}

export interface TransferTargets {
  groups: TargetGroup[];
  lines: { id: string; name: string; number: string }[];
  /** Known only to leads (team.list); empty for agents. */
  agents: { id: string; name: string }[];
}

export type TargetKind = 'group' | 'line' | 'agent';

/** A picker's option value: "group:<id>", "line:<id>" or "agent:<id>". */
export function targetValue(kind: TargetKind, id: string): string {
  return `${kind}:${id}`;
}

/** The picked option and the note as thread.transfer takes them; null when nothing valid is picked. */
export function transferTarget(value: string, note: string): TransferTarget | null {
  const match = /^(group|line|agent):(.+)$/.exec(value);
  if (!match || !match[2]) return null;
  const id = match[2];
  const trimmed = note.trim().slice(0, 1000);
  if (match[1] === 'group') return { groupId: id, note: trimmed };
  if (match[1] === 'line') return { lineId: id, note: trimmed };
  return { agentId: id, note: trimmed };
}

/**
 * The second line for a thread, as the hub picks it: the escalation group of the group the thread
 * is routed to, else of a group the agent working it belongs to. null: nowhere to escalate.
 */
export function escalationGroup(
  thread: { groupId?: string | null; assigneeId: string | null },
  groups: readonly TargetGroup[],
): TargetGroup | null {
  const from =
    groups.find((g) => g.id === thread.groupId) ??
    groups.find(
      (g) => thread.assigneeId !== null && g.memberIds.includes(thread.assigneeId) && g.escalationGroupId !== null,
    );
  return groups.find((g) => g.id === from?.escalationGroupId) ?? null;
}

/**
 * Who may see a thread (decision 0031, "What an agent's cache holds"). Pure: the hub evaluates it
 * per agent on every pull page, live frame and thread-history read, and the agent's cache holds
 * exactly what it allows. Messages follow their thread; a customer is seen through a seen thread.
 */
import type { AgentRole } from '../../shared/domain.js';

/** The signed-in agent as the rule needs them: their groups, and for leads who is in those groups. */
export interface Viewer {
  id: string;
  role: AgentRole;
  /** Groups the agent is a member of. */
  groupIds: ReadonlySet<string>;
  /** Every member of those groups (a lead's teams), the agent included. */
  teamIds: ReadonlySet<string>;
}

/** The facts of a thread the rule reads. */
export interface ThreadReach {
  assigneeId: string | null;
  /** The group routing sent it to; null (or absent on old rows) when unrouted. */
  groupId?: string | null;
}

export interface GroupMembers {
  id: string;
  memberIds: readonly string[];
}

export function viewerOf(agent: { id: string; role: AgentRole }, groups: readonly GroupMembers[]): Viewer {
  const mine = groups.filter((g) => g.memberIds.includes(agent.id));
  return {
    id: agent.id,
    role: agent.role,
    groupIds: new Set(mine.map((g) => g.id)),
    teamIds: new Set([agent.id, ...mine.flatMap((g) => g.memberIds)]),
  };
}

/**
 * - admin: every thread;
 * - anyone: threads assigned to them, and unassigned threads queued for one of their groups or for
 *   no group at all (the shared queue an unrouted thread waits in; someone must be able to take it);
 * - lead: also every thread of their groups and every thread assigned to a member of them.
 * Status does not matter: a closed thread stays with whoever it was assigned to.
 */
export function canSeeThread(viewer: Viewer, thread: ThreadReach): boolean {
  if (viewer.role === 'admin') return true;
  const groupId = thread.groupId ?? null;
  if (thread.assigneeId === viewer.id) return true;
  if (thread.assigneeId === null && (groupId === null || viewer.groupIds.has(groupId))) return true;
  if (viewer.role !== 'lead') return false;
  return (
    (groupId !== null && viewer.groupIds.has(groupId)) ||
    (thread.assigneeId !== null && viewer.teamIds.has(thread.assigneeId))
  );
}

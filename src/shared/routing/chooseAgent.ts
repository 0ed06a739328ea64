/**
 * Automatic call distribution, the pure part: which groups may take a piece of work, and which of
 * their agents gets it — a ready agent with room on that channel, fewest active threads first,
 * then the one idle longest. The decision carries its reason for the thread's history.
 */
import { z } from 'zod';
import { RecordingPolicy } from '../recording/recording.js';
import { Channel, Id } from '../domain.js';

export const Skills = z.object({
  /** Empty: any. */
  topics: z.array(z.string().min(1).max(100)).default([]),
  languages: z.array(z.enum(['en', 'ru'])).default([]),
  channels: z.array(Channel).default([]),
});
export type Skills = z.infer<typeof Skills>;

export const GroupInput = z.object({
  name: z.string().trim().min(1, 'name is empty').max(100),
  skills: Skills.default({ topics: [], languages: [], channels: [] }),
  /** The second line this group escalates to. */
  escalationGroupId: Id.nullable().default(null),
  memberIds: z.array(Id).default([]),
  /** The hub refuses closing this group's contacts, and its agents' return to ready, without a topic (decision 0032); absent: not required. */
  wrapUpRequired: z.boolean().optional(),
  /** Recording of this group's calls (issue 16); absent or null: as the line says. */
  recordingPolicy: RecordingPolicy.nullable().optional(),
});
export type GroupInput = z.infer<typeof GroupInput>;
export const Group = GroupInput.extend({ id: Id });
export type Group = z.infer<typeof Group>;

/** How many threads of a channel an agent takes at once; a call can pause text intake. */
export const Capacity = z.object({
  perChannel: z.partialRecord(Channel, z.number().int().min(0).max(50)).default({}),
  /** While on a call, take no text threads. */
  callPausesText: z.boolean().default(true),
});
export type Capacity = z.infer<typeof Capacity>;

export const DEFAULT_CAPACITY: Capacity = {
  perChannel: { phone: 1, webchat: 3, telegram: 3, vk: 3, webhook: 3, email: 5 },
  callPausesText: true,
};

export interface Work {
  channel: Channel;
  language: 'en' | 'ru';
  topic: string | null;
  /** The topic and its ancestors in the topic tree, the topic first: a group skilled for a topic takes its subtopics. */
  topicPath?: readonly string[];
  /** A thread handed or escalated to a group goes to that group only. */
  groupId: string | null;
}

export interface Candidate {
  agentId: string;
  name: string;
  ready: boolean;
  groupIds: readonly string[];
  capacity: Capacity;
  /** Open threads assigned now, per channel. */
  load: Partial<Record<Channel, number>>;
  /** When the agent last got work or became ready; smaller is idle longer. */
  idleSince: number;
}

export type Decision =
  | { agentId: string; groupId: string; reason: { skill: string; load: number; capacity: number } }
  | { agentId: null; reason: 'no_group' | 'no_ready_agent' | 'all_at_capacity' };

function matches(list: readonly string[], value: string | null): boolean {
  return list.length === 0 || (value !== null && list.includes(value));
}

function topicPathOf(work: Work): readonly string[] {
  return work.topicPath ?? (work.topic !== null ? [work.topic] : []);
}

/** How close the group's topic skill is to the work's topic: 0 the topic itself, 1 its parent…; none: Infinity. */
function topicDistance(work: Work, group: Group): number {
  if (group.skills.topics.length === 0) return Infinity;
  const index = topicPathOf(work).findIndex((id) => group.skills.topics.includes(id));
  return index < 0 ? Infinity : index;
}

/** Groups whose skills cover the work, most specific first (more matched skill lists win). */
export function eligibleGroups(work: Work, groups: readonly Group[]): Group[] {
  if (work.groupId) return groups.filter((g) => g.id === work.groupId);
  const specificity = (g: Group) =>
    (g.skills.topics.length > 0 ? 4 : 0) +
    (g.skills.languages.length > 0 ? 2 : 0) +
    (g.skills.channels.length > 0 ? 1 : 0);
  return groups
    .filter(
      (g) =>
        (g.skills.topics.length === 0 || topicDistance(work, g) !== Infinity) &&
        matches(g.skills.languages, work.language) &&
        matches(g.skills.channels, work.channel),
    )
    .sort((a, b) => specificity(b) - specificity(a) || topicDistance(work, a) - topicDistance(work, b));
}

function totalLoad(load: Candidate['load']): number {
  // A plain loop: this runs for every ready member of every eligible group on every decision.
  let sum = 0;
  for (const channel in load) sum += load[channel as Channel] ?? 0;
  return sum;
}

function hasRoom(candidate: Candidate, channel: Channel): { load: number; capacity: number } | null {
  const capacity = candidate.capacity.perChannel[channel] ?? 0;
  const load = candidate.load[channel] ?? 0;
  if (load >= capacity) return null;
  if (channel !== 'phone' && candidate.capacity.callPausesText && (candidate.load.phone ?? 0) > 0) return null;
  return { load, capacity };
}

function skillLabel(work: Work, group: Group): string {
  const parts: string[] = [];
  if (group.skills.topics.length > 0 && work.topic) parts.push(work.topic);
  if (group.skills.languages.length > 0) parts.push(work.language);
  if (group.skills.channels.length > 0) parts.push(work.channel);
  return parts.length > 0 ? parts.join(', ') : group.name;
}

export function chooseAgent(work: Work, groups: readonly Group[], candidates: readonly Candidate[]): Decision {
  const eligible = eligibleGroups(work, groups);
  if (eligible.length === 0) return { agentId: null, reason: 'no_group' };
  let anyReady = false;
  // The most specific group with someone free wins; within it, least loaded then longest idle.
  for (const group of eligible) {
    let best: { candidate: Candidate; room: { load: number; capacity: number }; total: number } | null = null;
    for (const candidate of candidates) {
      if (!candidate.ready || !candidate.groupIds.includes(group.id)) continue;
      anyReady = true;
      const room = hasRoom(candidate, work.channel);
      if (!room) continue;
      const total = totalLoad(candidate.load);
      if (
        !best ||
        total < best.total ||
        (total === best.total && candidate.idleSince < best.candidate.idleSince) ||
        (total === best.total &&
          candidate.idleSince === best.candidate.idleSince &&
          candidate.agentId < best.candidate.agentId)
      ) {
        best = { candidate, room, total };
      }
    }
    if (best) {
      return {
        agentId: best.candidate.agentId,
        groupId: group.id,
        reason: { skill: skillLabel(work, group), load: best.room.load + 1, capacity: best.room.capacity },
      };
    }
  }
  return { agentId: null, reason: anyReady ? 'all_at_capacity' : 'no_ready_agent' };
}

/**
 * Minutes until an agent answers a thread at `position` (0 = next) in the queue: the threads ahead,
 * shared among the agents who can take them, times the recent average handling time.
 */
export function estimateWaitMinutes(
  position: number,
  readyAgents: number,
  averageHandleMinutes: number,
): number | null {
  if (readyAgents <= 0) return null;
  return ((position + 1) / readyAgents) * averageHandleMinutes;
}

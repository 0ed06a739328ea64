/**
 * The one router: who may take a piece of work right now, text or call. It snapshots the team
 * (groups, ready agents, their capacity and load) and asks the pure chooseAgent; the contact center
 * uses it for text threads and the call queue for calls, so both follow the same skills, capacity,
 * "a call pauses text intake" and longest-idle rules.
 */
import { chooseAgent, type Candidate, type Decision, type Group, type Work } from '../../shared/routing/chooseAgent.js';
import type { HubStore } from '../storage/hubStore.js';
import { pathToRoot } from '../../shared/topics/topicTree.js';

export interface Team {
  groups: Group[];
  candidates: Candidate[];
  /** Each topic's parent in the topic tree: a group skilled for a topic takes its subtopics (decision 0032). */
  topicParents?: ReadonlyMap<string, { parentId: string | null }>;
}

/** What the call queue knows that the threads table does not: calls ringing or talking, per agent. */
export interface PhoneLoad {
  liveCallsByAgent(): Map<string, number>;
}

export const NO_PHONE_LOAD: PhoneLoad = { liveCallsByAgent: () => new Map() };

export class Router {
  constructor(
    private readonly store: HubStore,
    private readonly phone: PhoneLoad = NO_PHONE_LOAD,
  ) {}

  /** One snapshot of the team for a routing pass; update it as work is given out. */
  team(): Team {
    const groups = this.store.routing.groups();
    const loads = this.store.routing.loads();
    const routing = this.store.routing.agentRouting();
    const calls = this.phone.liveCallsByAgent();
    const candidates = this.store.routing.readyAgents().map((agent) => {
      const load = { ...(loads.get(agent.id) ?? {}) };
      // A phone thread left open after its call is paperwork, not a call: phone load is live calls.
      const live = calls.get(agent.id) ?? 0;
      if (live > 0 || load.phone !== undefined) load.phone = live;
      return {
        agentId: agent.id,
        name: agent.name,
        ready: true,
        groupIds: groups.filter((g) => g.memberIds.includes(agent.id)).map((g) => g.id),
        capacity: routing.get(agent.id)?.capacity ?? this.store.routing.capacityOf(agent.id),
        load,
        idleSince: routing.get(agent.id)?.idleSince ?? 0,
      };
    });
    const topicParents = new Map(this.store.topics.all().map((t) => [t.id, { parentId: t.parentId }]));
    return { groups, candidates, topicParents };
  }

  /** Chooses among the candidates that pass `eligible` (a call needs a registered softphone). */
  choose(work: Work, team: Team, eligible: (candidate: Candidate) => boolean = () => true): Decision {
    const topicPath =
      work.topicPath ?? (work.topic !== null ? pathToRoot(team.topicParents ?? new Map(), work.topic) : []);
    return chooseAgent({ ...work, topicPath }, team.groups, team.candidates.filter(eligible));
  }

  /** Counts the work given to the chosen agent in the snapshot, so the same pass sees it. */
  static given(team: Team, agentId: string, channel: Work['channel'], at: number): void {
    const chosen = team.candidates.find((c) => c.agentId === agentId);
    if (!chosen) return;
    chosen.load = { ...chosen.load, [channel]: (chosen.load[channel] ?? 0) + 1 };
    chosen.idleSince = at;
  }
}

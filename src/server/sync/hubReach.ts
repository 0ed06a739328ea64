/**
 * The hub's side of "an agent's cache holds only their reach": builds the viewer of an agent from
 * the current groups and a scope over the current state, for one pull page, push answer or frame.
 */
import type { Agent } from '../../shared/domain.js';
import type { HubStore } from '../storage/hubStore.js';
import { createReachRepo, type ReachRepo } from './reachRepo.js';
import { createReachScope, type ReachScope } from './reachFilter.js';
import { canSeeThread, viewerOf, type GroupMembers, type Viewer } from './visibility.js';

export interface HubReach {
  /** Reads the groups now; pass `groups` to share one read between many agents (a live frame). */
  viewer(agent: Pick<Agent, 'id' | 'role'>, groups?: readonly GroupMembers[]): Viewer;
  groups(): readonly GroupMembers[];
  scope(): ReachScope;
  /** Whether the agent may read the thread now (false for an unknown thread). */
  canSee(agent: Pick<Agent, 'id' | 'role'>, threadId: string): boolean;
}

export function createHubReach(store: HubStore, repo: ReachRepo = createReachRepo(store.db)): HubReach {
  const groups = () => store.routing.groups();
  const scope = () => createReachScope(store, repo);
  return {
    viewer: (agent, list = groups()) => viewerOf(agent, list),
    groups,
    scope,
    canSee(agent, threadId) {
      const thread = scope().thread(threadId);
      return thread !== null && canSeeThread(viewerOf(agent, groups()), thread);
    },
  };
}

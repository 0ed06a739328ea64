/**
 * The app's queue views over the local replica: "mine", "my groups" and "all" (leads and admins),
 * filtered by status, channel and topic, with a count per view. Which groups the agent is in (and
 * who else is) and the hub's topics come from the hub and are kept for when it is away.
 * Counts are indexed COUNTs run when the renderer asks (after a queue change), not on a clock.
 */
import type { ContractHandlers, QueueView, RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { routingApi } from '../../../shared/hubApi/routingApi.js';
import type { Group } from '../../../shared/routing/chooseAgent.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';
import type { SessionService } from '../session/sessionService.js';
import type { LocalStore } from '../store/localStore.js';
import type { QueueFilter } from '../store/threadsRepo.js';

export interface QueueViews {
  list(input: Parameters<ContractHandlers['queue.list']>[0]): Promise<RequestOutput<'queue.list'>>;
  counts(input: Parameters<ContractHandlers['queue.counts']>[0]): Promise<RequestOutput<'queue.counts'>>;
  options(): Promise<RequestOutput<'queue.options'>>;
}

const none = { params: {}, input: {} };

/** How long the agent's groups are trusted before the hub is asked again. */
const GROUPS_TTL_MS = 30_000;

export function createQueueViews(
  deps: HubCallDeps & { store: LocalStore; session: SessionService; now: () => number },
): QueueViews {
  const call = createHubCall(deps, 'queue views');
  let groups: { agentId: string; at: number; list: Group[] } | null = null;
  let topics: string[] = [];

  async function myGroups(agentId: string): Promise<Group[]> {
    if (!groups || groups.agentId !== agentId || deps.now() - groups.at > GROUPS_TTL_MS) {
      try {
        const all = (await callEndpoint(call, routingApi.groups, none)).groups;
        groups = { agentId, at: deps.now(), list: all.filter((g) => g.memberIds.includes(agentId)) };
      } catch (error) {
        // The hub is away: the last known groups (none before the first answer).
        if (!(error instanceof OknoError) || error.code !== 'hub_unreachable') throw error;
        if (groups?.agentId !== agentId) groups = { agentId, at: 0, list: [] };
      }
    }
    return groups.list;
  }

  async function filterOf(view: QueueView, channel?: string, topic?: string): Promise<QueueFilter> {
    const agent = deps.session.requireAgent();
    const base: QueueFilter = {
      assigneeId: null,
      channel: (channel as QueueFilter['channel']) ?? null,
      topic: topic ?? null,
    };
    if (view === 'mine') return { ...base, assigneeId: agent.id };
    if (view === 'groups') {
      const list = await myGroups(agent.id);
      return {
        ...base,
        groups: { groupIds: list.map((g) => g.id), memberIds: [...new Set(list.flatMap((g) => g.memberIds))] },
      };
    }
    if (agent.role === 'agent') {
      throw new OknoError('forbidden', 'the "all" queue view is for leads and admins; use "mine" or "my groups"');
    }
    return base;
  }

  return {
    async list({ status, offset, limit, view, channel, topic }) {
      // No view named: every thread, as before views existed (older renderers).
      const filter = view
        ? await filterOf(view, channel, topic)
        : { assigneeId: null, channel: channel ?? null, topic };
      return {
        items: deps.store.threads.queuePage(status, offset, limit, filter),
        total: deps.store.threads.count(status, filter),
      };
    },
    async counts({ status, channel, topic }) {
      const agent = deps.session.requireAgent();
      const count = async (view: QueueView) => deps.store.threads.count(status, await filterOf(view, channel, topic));
      return {
        mine: await count('mine'),
        groups: await count('groups'),
        all: agent.role === 'agent' ? null : await count('all'),
      };
    },
    async options() {
      const agent = deps.session.requireAgent();
      try {
        topics = (await callEndpoint(call, routingApi.routingConfig, none)).topics.map((t) => t.id);
      } catch (error) {
        if (!(error instanceof OknoError) || error.code !== 'hub_unreachable') throw error;
      }
      const list = await myGroups(agent.id);
      return { topics, groups: list.map(({ id, name }) => ({ id, name })) };
    },
  };
}

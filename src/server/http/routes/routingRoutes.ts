/**
 * Routing on the hub's API, each route built from its row in src/shared/hubApi/routingApi.ts: the
 * queue views, a thread's history of decisions, take, hand-over, escalate and close; groups,
 * capacity and routing settings for leads. Registered inside the authenticated scope; the rows'
 * roles are enforced by endpointRoute, the per-thread checks here, not only on the screen.
 */
import type { FastifyInstance } from 'fastify';
import type { Agent, Thread } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { routingApi } from '../../../shared/hubApi/routingApi.js';
import { uuidv7 } from '../../../shared/ids.js';
import { slaState } from '../../../shared/queue/slaPolicy.js';
import type { Group } from '../../../shared/routing/chooseAgent.js';
import { compareByDeadline } from '../../../shared/sla.js';
import type { ContactCenter } from '../../contactCenter/contactCenter.js';
import type { HubStore } from '../../storage/hubStore.js';
import { createHubReach } from '../../sync/hubReach.js';
import { recordMembershipChange } from '../../sync/membershipReach.js';
import { canSeeThread, viewerOf } from '../../sync/visibility.js';
import { requireRole } from '../auth.js';
import { endpointRoute } from '../endpointRoute.js';

const LEADS = ['lead', 'admin'] as const;

export function registerRoutingRoutes(
  app: FastifyInstance,
  store: HubStore,
  center: ContactCenter,
  now: () => number,
): void {
  const reach = createHubReach(store);
  /** An agent acts only on threads their app may hold (decision 0031); a lead on their teams'. */
  const inReach = (agent: Agent, threadId: string) => {
    if (!reach.canSee(agent, threadId))
      throw new OknoError('forbidden', `thread ${threadId} is not in your queue: it belongs to a group you are not in`);
  };
  const api = routingApi;
  endpointRoute(app, api.queue, (agent, query) => {
    if (query.view === 'all') requireRole(agent, LEADS);
    const groups = store.routing.groups();
    const myGroups = groups.filter((g) => g.memberIds.includes(agent.id));
    // The views list only the agent's reach, as their app's cache holds it (decision 0031).
    const viewer = viewerOf(agent, groups);
    const rows = store.routing.openThreadsWithGroup();
    const at = now();
    const items: (Thread & { sla: ReturnType<typeof slaState> })[] = [];
    for (const row of rows) {
      const thread = store.threads.byId(row.id);
      if (!thread || !canSeeThread(viewer, { assigneeId: thread.assigneeId, groupId: row.groupId })) continue;
      if (query.channel && thread.channel !== query.channel) continue;
      if (query.view === 'mine' && thread.assigneeId !== agent.id) continue;
      if (query.view === 'groups') {
        const inMyGroup =
          (row.groupId !== null && myGroups.some((g) => g.id === row.groupId)) ||
          (thread.assigneeId !== null && myGroups.some((g) => g.memberIds.includes(thread.assigneeId!))) ||
          (thread.assigneeId === null && row.groupId === null && myGroups.length > 0);
        if (!inMyGroup && thread.assigneeId !== agent.id) continue;
      }
      items.push({ ...thread, sla: slaState(thread.slaDueAt, at) });
    }
    items.sort(compareByDeadline);
    return { items: items.slice(0, query.limit), total: items.length };
  });

  endpointRoute(app, api.events, (_agent, _input, { id }) => {
    if (!store.threads.byId(id)) throw new OknoError('not_found', `thread ${id} does not exist`);
    return { events: store.routing.events(id) };
  });

  endpointRoute(app, api.take, (agent, _input, { id }) => {
    // Someone else's thread is answered by take itself (409, taken by whom); a queued one must be in reach.
    if (store.threads.byId(id)?.assigneeId === null) inReach(agent, id);
    return center.write((tx) => center.take(tx, agent, id));
  });

  endpointRoute(app, api.handOver, (agent, to, { id }) => center.write((tx) => center.handOver(tx, agent, id, to)));

  endpointRoute(app, api.escalate, (agent, { note }, { id }) =>
    center.write((tx) => center.escalate(tx, agent, id, note)),
  );

  endpointRoute(app, api.close, (agent, _input, { id }) =>
    center.write((tx) => {
      const thread = store.threads.byId(id);
      if (thread && agent.role === 'agent' && thread.assigneeId !== agent.id) {
        throw new OknoError('forbidden', `thread #${thread.number} is not yours to close`);
      }
      return center.close(tx, agent, id);
    }),
  );

  endpointRoute(app, api.groups, () => ({ groups: store.routing.groups() }));

  const saveGroup = (group: Group) => {
    for (const agentId of group.memberIds) {
      if (!store.agents.byId(agentId)) throw new OknoError('bad_request', `member ${agentId} is not an agent`);
    }
    const groups = store.routing.groups();
    if (group.escalationGroupId && !groups.some((g) => g.id === group.escalationGroupId)) {
      throw new OknoError('bad_request', `escalation group ${group.escalationGroupId} does not exist`);
    }
    if (groups.some((g) => g.name === group.name && g.id !== group.id)) {
      throw new OknoError('conflict', `a group named "${group.name}" already exists`);
    }
    return center.write((tx) => {
      store.routing.saveGroup(group, tx.now);
      // Whoever joined or left sees the group's open threads arrive or leave their cache (decision 0031).
      recordMembershipChange(tx, store, groups.find((g) => g.id === group.id) ?? null, group);
      // New members or skills may open room for queued threads.
      center.drain(tx);
      return group;
    });
  };

  endpointRoute(app, api.createGroup, (_agent, input) => saveGroup({ ...input, id: uuidv7(now()) }));

  endpointRoute(app, api.updateGroup, (_agent, input, { id }) => {
    const stored = store.routing.groups().find((g) => g.id === id);
    if (!stored) throw new OknoError('not_found', `group ${id} does not exist`);
    // A client that does not know the wrap-up rule or the recording policy (an older app) keeps them as they are.
    return saveGroup({
      ...input,
      wrapUpRequired: input.wrapUpRequired ?? stored.wrapUpRequired ?? false,
      recordingPolicy: input.recordingPolicy === undefined ? (stored.recordingPolicy ?? null) : input.recordingPolicy,
      id,
    });
  });

  endpointRoute(app, api.deleteGroup, (_agent, _input, { id }) =>
    center.write((tx) => {
      if (!store.routing.deleteGroup(id)) throw new OknoError('not_found', `group ${id} does not exist`);
      // Threads that waited for this group now wait for any group that fits them.
      center.drain(tx);
      return { deleted: id };
    }),
  );

  endpointRoute(app, api.setCapacity, (_agent, capacity, { id }) => {
    if (!store.agents.byId(id)) throw new OknoError('not_found', `agent ${id} does not exist`);
    return center.write((tx) => {
      store.routing.setCapacity(id, capacity, tx.now);
      center.drain(tx);
      return capacity;
    });
  });

  endpointRoute(app, api.routingConfig, () => center.routingConfig());

  endpointRoute(app, api.saveRoutingConfig, (_agent, config) => {
    center.setRoutingConfig(config);
    return config;
  });

  endpointRoute(app, api.saveStatusSettings, (_agent, agentStatus) => {
    center.setRoutingConfig({ ...center.routingConfig(), agentStatus });
    return agentStatus;
  });
}

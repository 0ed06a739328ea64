/**
 * The hub's routing API: the queue views, a thread's history of decisions, take, hand-over,
 * escalate and close; groups, capacity and routing settings. Everyone reads the queue, the groups
 * and the settings; leads and admins change groups, capacity and settings (the rows' roles). The
 * finer checks stay in the hub's handlers: "all" is for leads, a queued thread must be in the
 * agent's reach to take, an agent closes only their own thread.
 */
import { z } from 'zod';
import { Channel, Id, Thread } from '../domain.js';
import { Capacity, Group, GroupInput } from '../routing/chooseAgent.js';
import { AgentStatusSettings } from '../agentStatus/statusMachine.js';
import { RoutingConfig } from '../routing/routingConfig.js';
import { ALL, ById, endpoint, LEADS, None } from './endpoint.js';

export const QueueQuery = z.object({
  view: z.enum(['mine', 'groups', 'all']).default('mine'),
  channel: Channel.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** A thread in the queue with where it stands against its deadline. */
export const QueueItem = Thread.extend({ sla: z.enum(['none', 'ok', 'overdue']) });

/** One routing decision or auto-reply in a thread's history. */
export const ThreadEvent = z.object({
  id: z.string(),
  threadId: z.string(),
  kind: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
  actorId: z.string().nullable(),
  createdAt: z.number(),
});
export type ThreadEvent = z.infer<typeof ThreadEvent>;

const Note = z.string().trim().min(1, 'a note is required').max(1000);
export const HandOverInput = z
  .object({ agentId: Id.optional(), groupId: Id.optional(), note: Note })
  .refine((b) => (b.agentId ? 1 : 0) + (b.groupId ? 1 : 0) === 1, 'name either agentId or groupId');

export const routingApi = {
  /** The agent's views of the open queue, most urgent first ("all": leads and admins, checked by the hub). */
  queue: endpoint({
    method: 'GET',
    path: '/api/v1/queue',
    params: None,
    input: QueueQuery,
    output: z.object({ items: z.array(QueueItem), total: z.number().int().nonnegative() }),
    roles: ALL,
  }),
  events: endpoint({
    method: 'GET',
    path: '/api/v1/threads/:id/events',
    params: ById,
    input: None,
    output: z.object({ events: z.array(ThreadEvent) }),
    roles: ALL,
  }),
  take: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/take',
    params: ById,
    input: None,
    output: Thread,
    roles: ALL,
  }),
  handOver: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/handover',
    params: ById,
    input: HandOverInput,
    output: Thread,
    roles: ALL,
  }),
  escalate: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/escalate',
    params: ById,
    input: z.object({ note: Note }),
    output: Thread,
    roles: ALL,
  }),
  close: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/close',
    params: ById,
    input: None,
    output: Thread,
    roles: ALL,
  }),
  groups: endpoint({
    method: 'GET',
    path: '/api/v1/groups',
    params: None,
    input: None,
    output: z.object({ groups: z.array(Group) }),
    roles: ALL,
  }),
  createGroup: endpoint({
    method: 'POST',
    path: '/api/v1/groups',
    params: None,
    input: GroupInput,
    output: Group,
    roles: LEADS,
    status: 201,
  }),
  /** A client that leaves out the wrap-up rule or the recording policy (an older app) keeps them as they are. */
  updateGroup: endpoint({
    method: 'PUT',
    path: '/api/v1/groups/:id',
    params: ById,
    input: GroupInput,
    output: Group,
    roles: LEADS,
  }),
  deleteGroup: endpoint({
    method: 'DELETE',
    path: '/api/v1/groups/:id',
    params: ById,
    input: None,
    output: z.object({ deleted: Id }),
    roles: LEADS,
  }),
  setCapacity: endpoint({
    method: 'PUT',
    path: '/api/v1/agents/:id/capacity',
    params: ById,
    input: Capacity,
    output: Capacity,
    roles: LEADS,
  }),
  routingConfig: endpoint({
    method: 'GET',
    path: '/api/v1/routing-config',
    params: None,
    input: None,
    output: RoutingConfig,
    roles: ALL,
  }),
  saveRoutingConfig: endpoint({
    method: 'PUT',
    path: '/api/v1/routing-config',
    params: None,
    input: RoutingConfig,
    output: RoutingConfig,
    roles: LEADS,
  }),
  /** The status part of the routing settings alone, merged on the hub so the rest stays as stored. */
  saveStatusSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/routing-config/agent-status',
    params: None,
    input: AgentStatusSettings,
    output: AgentStatusSettings,
    roles: LEADS,
  }),
} as const;

/**
 * The hub's API for planned activities (decision 0036), read by the hub's routes and the core's client
 * alike (src/shared/hubApi/endpoint.ts). Every signed-in person plans, lists, cancels and completes
 * activities; the hub checks what each may change.
 */
import { z } from 'zod';
import { Activity, ActivityList, ActivityTargets, PlanActivityInput } from '../activities/activity.js';
import { Id } from '../domain.js';
import { ALL, endpoint, None } from './endpoint.js';

const ById = z.object({ activityId: Id });

export const activitiesApi = {
  plan: endpoint({
    method: 'POST',
    path: '/api/v1/activities',
    params: None,
    input: PlanActivityInput,
    output: Activity,
    roles: ALL,
  }),
  /** Who an activity can be planned for (agents cannot read the team's settings, but may plan for a colleague). */
  targets: endpoint({
    method: 'GET',
    path: '/api/v1/activities/targets',
    params: None,
    input: None,
    output: ActivityTargets,
    roles: ALL,
  }),
  /** Activities whose thread is in the queue now and in the caller's reach (the queue rows). */
  queued: endpoint({
    method: 'GET',
    path: '/api/v1/activities/queued',
    params: None,
    input: None,
    output: ActivityList,
    roles: ALL,
  }),
  ofCustomer: endpoint({
    method: 'GET',
    path: '/api/v1/activities/customers/:customerId',
    params: z.object({ customerId: Id }),
    input: None,
    output: ActivityList,
    roles: ALL,
  }),
  /** Planned from this conversation, or the activity this thread was opened for. */
  ofThread: endpoint({
    method: 'GET',
    path: '/api/v1/activities/threads/:threadId',
    params: z.object({ threadId: Id }),
    input: None,
    output: ActivityList,
    roles: ALL,
  }),
  cancel: endpoint({
    method: 'POST',
    path: '/api/v1/activities/:activityId/cancel',
    params: ById,
    input: None,
    output: Activity,
    roles: ALL,
  }),
  done: endpoint({
    method: 'POST',
    path: '/api/v1/activities/:activityId/done',
    params: ById,
    input: None,
    output: Activity,
    roles: ALL,
  }),
};

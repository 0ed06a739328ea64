/**
 * The app contract's part for planned activities (issue 15, decision 0036): requests forwarded by the
 * core to the hub's activitiesApi. Planning needs the hub (the renderer keeps the form's text when it
 * is away); nothing of it is cached.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { activitiesApi } from '../hubApi/activitiesApi.js';

const api = activitiesApi;

export const activitiesRequests = {
  /** A callback, meeting or reminder for a customer at a time, for an agent (default: oneself) or a group. */
  'activities.plan': { input: api.plan.input, output: api.plan.output },
  /** Agents and groups an activity can be planned for. */
  'activities.targets': { input: z.object({}), output: api.targets.output },
  /** Activities whose thread is in the queue now (in the agent's reach): the queue rows say what they are. */
  'activities.queued': { input: z.object({}), output: api.queued.output },
  /** The customer's activities for the card: open ones first. */
  'activities.ofCustomer': { input: z.object({ customerId: Id }), output: api.ofCustomer.output },
  /** Planned from this conversation, or the one this thread was opened for. */
  'activities.ofThread': { input: z.object({ threadId: Id }), output: api.ofThread.output },
  'activities.cancel': { input: z.object({ activityId: Id }), output: api.cancel.output },
  /** Done: its thread (if open) is closed as any thread is (wrap-up rules apply). */
  'activities.done': { input: z.object({ activityId: Id }), output: api.done.output },
};

export const activitiesEvents = {};

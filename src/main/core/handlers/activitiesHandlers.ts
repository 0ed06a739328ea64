import type { ContractHandlers } from '../../../shared/contract.js';
import type { activitiesRequests } from '../../../shared/activities/activitiesContract.js';
import { createActivitiesClient } from '../hubApi/activitiesClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of planned activities, forwarded to the hub (decision 0036). */
export function activitiesHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof activitiesRequests> {
  const hub = createActivitiesClient({ link: () => deps.session.link() });
  const none = {};
  return {
    'activities.plan': (input) => hub.call('plan', { params: none, input }),
    'activities.targets': () => hub.call('targets', { params: none, input: none }),
    'activities.queued': () => hub.call('queued', { params: none, input: none }),
    'activities.ofCustomer': ({ customerId }) => hub.call('ofCustomer', { params: { customerId }, input: none }),
    'activities.ofThread': ({ threadId }) => hub.call('ofThread', { params: { threadId }, input: none }),
    'activities.cancel': ({ activityId }) => hub.call('cancel', { params: { activityId }, input: none }),
    'activities.done': ({ activityId }) => hub.call('done', { params: { activityId }, input: none }),
  };
}

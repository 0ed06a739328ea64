/**
 * Team settings a lead edits on the hub: the team's capacity, routing groups, auto-reply rules,
 * status settings and the widget's menu, each called by its row of a src/shared/hubApi table.
 * The core forwards each request with the session's token; the hub enforces the roles and its
 * errors (a rule's line and reason) come back with their field-level issues.
 */
import type { ParsedInput, RequestOutput } from '../../../shared/contract.js';
import { autoRepliesApi } from '../../../shared/hubApi/autoRepliesApi.js';
import { routingApi } from '../../../shared/hubApi/routingApi.js';
import { teamApi } from '../../../shared/hubApi/teamApi.js';
import { widgetApi } from '../../../shared/hubApi/widgetApi.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';

export interface TeamSettings {
  team(): Promise<RequestOutput<'team.list'>>;
  setCapacity(input: ParsedInput<'team.setCapacity'>): Promise<RequestOutput<'team.setCapacity'>>;
  groups(): Promise<RequestOutput<'groups.list'>>;
  saveGroup(input: ParsedInput<'groups.save'>): Promise<RequestOutput<'groups.save'>>;
  deleteGroup(groupId: string): Promise<RequestOutput<'groups.delete'>>;
  autoReplies(): Promise<RequestOutput<'autoReplies.list'>>;
  saveAutoReplies(input: ParsedInput<'autoReplies.save'>): Promise<RequestOutput<'autoReplies.save'>>;
  saveStatusSettings(input: ParsedInput<'statusSettings.save'>): Promise<RequestOutput<'statusSettings.save'>>;
  widgetTopics(): Promise<RequestOutput<'widgetTopics.list'>>;
  saveWidgetTopics(input: ParsedInput<'widgetTopics.save'>): Promise<RequestOutput<'widgetTopics.save'>>;
}

export function createTeamSettings(deps: HubCallDeps): TeamSettings {
  const call = createHubCall(deps, 'team settings');
  const none = {};
  return {
    team: () => callEndpoint(call, teamApi.members, { params: none, input: none }),
    setCapacity: ({ agentId, capacity }) =>
      callEndpoint(call, routingApi.setCapacity, { params: { id: agentId }, input: capacity }),
    groups: () => callEndpoint(call, routingApi.groups, { params: none, input: none }),
    saveGroup: ({ id: groupId, ...group }) =>
      groupId
        ? callEndpoint(call, routingApi.updateGroup, { params: { id: groupId }, input: group })
        : callEndpoint(call, routingApi.createGroup, { params: none, input: group }),
    deleteGroup: (groupId) => callEndpoint(call, routingApi.deleteGroup, { params: { id: groupId }, input: none }),
    autoReplies: () => callEndpoint(call, autoRepliesApi.list, { params: none, input: none }),
    saveAutoReplies: (input) => callEndpoint(call, autoRepliesApi.replace, { params: none, input }),
    widgetTopics: () => callEndpoint(call, widgetApi.topics, { params: none, input: none }),
    saveWidgetTopics: (input) => callEndpoint(call, widgetApi.saveTopics, { params: none, input }),
    saveStatusSettings: (input) => callEndpoint(call, routingApi.saveStatusSettings, { params: none, input }),
  };
}

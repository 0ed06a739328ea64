/**
 * Team settings a lead edits on the hub: the team's capacity, routing groups and auto-reply rules.
 * The core forwards each request with the session's token; the hub enforces the roles and its
 * errors (a rule's line and reason) come back with their field-level issues.
 */
import { z } from 'zod';
import { TeamMember, type ParsedInput, type RequestOutput } from '../../../shared/contract.js';
import { AutoReplyRule } from '../../../shared/autoReplies/autoReplyRule.js';
import { routingApi } from '../../../shared/hubApi/routingApi.js';
import { callEndpoint } from '../hubApi/callsClient.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';
import { OknoError } from '../../../shared/errors.js';
import { WidgetTopic } from '../../../shared/widgetProtocol.js';

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

const Topics = z.object({ topics: z.array(WidgetTopic) });

const Rules = z.object({ rules: z.array(AutoReplyRule) });

export function createTeamSettings(deps: HubCallDeps): TeamSettings {
  const call = createHubCall(deps, 'team settings');
  const none = {};
  return {
    team: () => call(z.object({ agents: z.array(TeamMember) }), '/api/v1/team'),
    setCapacity: ({ agentId, capacity }) =>
      callEndpoint(call, routingApi.setCapacity, { params: { id: agentId }, input: capacity }),
    groups: () => callEndpoint(call, routingApi.groups, { params: none, input: none }),
    saveGroup: ({ id: groupId, ...group }) =>
      groupId
        ? callEndpoint(call, routingApi.updateGroup, { params: { id: groupId }, input: group })
        : callEndpoint(call, routingApi.createGroup, { params: none, input: group }),
    deleteGroup: (groupId) => callEndpoint(call, routingApi.deleteGroup, { params: { id: groupId }, input: none }),
    autoReplies: () => call(Rules, '/api/v1/auto-replies'),
    saveAutoReplies: (input) => call(Rules, '/api/v1/auto-replies', input, { method: 'PUT' }),
    widgetTopics: () => call(Topics, '/api/v1/widget-topics'),
    saveWidgetTopics: (input) => call(Topics, '/api/v1/widget-topics', input, { method: 'PUT' }),
    async saveStatusSettings(agentStatus) {
      // The hub keeps one routing-settings document; the other parts are sent back unchanged.
      const current = await callEndpoint(call, routingApi.routingConfig, { params: none, input: none });
      try {
        const saved = await callEndpoint(call, routingApi.saveRoutingConfig, {
          params: none,
          input: { ...current, agentStatus },
        });
        return saved.agentStatus;
      } catch (error) {
        throw underAgentStatus(error);
      }
    },
  };
}

/** The hub names a status-settings problem "agentStatus.notReadyReasons.1"; the form sent "notReadyReasons". */
function underAgentStatus(error: unknown): unknown {
  if (!(error instanceof OknoError) || !error.issues) return error;
  const issues = error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^agentStatus\./, '') }));
  return new OknoError(error.code, error.message, issues, error.params);
}

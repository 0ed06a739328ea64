/**
 * Team settings a lead edits on the hub: the team's capacity, routing groups and auto-reply rules.
 * The core forwards each request with the session's token; the hub enforces the roles and its
 * errors (a rule's line and reason) come back with their field-level issues.
 */
import { z } from 'zod';
import { TeamMember, type ParsedInput, type RequestOutput } from '../../../shared/contract.js';
import { AutoReplyRule } from '../../../shared/autoReplies/autoReplyRule.js';
import { Id } from '../../../shared/domain.js';
import { Capacity, Group } from '../../../shared/routing/chooseAgent.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';
import { OknoError } from '../../../shared/errors.js';
import { AgentStatusSettings } from '../../../shared/agentStatus/statusMachine.js';
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

const Deleted = z.object({ deleted: Id });
const Rules = z.object({ rules: z.array(AutoReplyRule) });
/** The hub's routing settings: only agentStatus is read; the rest goes back as it came. */
const RoutingSettings = z.looseObject({ agentStatus: AgentStatusSettings });

export function createTeamSettings(deps: HubCallDeps): TeamSettings {
  const call = createHubCall(deps, 'team settings');
  const id = (value: string) => encodeURIComponent(value);
  return {
    team: () => call(z.object({ agents: z.array(TeamMember) }), '/api/v1/team'),
    setCapacity: ({ agentId, capacity }) =>
      call(Capacity, `/api/v1/agents/${id(agentId)}/capacity`, capacity, { method: 'PUT' }),
    groups: () => call(z.object({ groups: z.array(Group) }), '/api/v1/groups'),
    saveGroup: ({ id: groupId, ...group }) =>
      groupId
        ? call(Group, `/api/v1/groups/${id(groupId)}`, group, { method: 'PUT' })
        : call(Group, '/api/v1/groups', group),
    deleteGroup: (groupId) => call(Deleted, `/api/v1/groups/${id(groupId)}`, undefined, { method: 'DELETE' }),
    autoReplies: () => call(Rules, '/api/v1/auto-replies'),
    saveAutoReplies: (input) => call(Rules, '/api/v1/auto-replies', input, { method: 'PUT' }),
    widgetTopics: () => call(Topics, '/api/v1/widget-topics'),
    saveWidgetTopics: (input) => call(Topics, '/api/v1/widget-topics', input, { method: 'PUT' }),
    async saveStatusSettings(agentStatus) {
      // The hub keeps one routing-settings document; the other parts are sent back unchanged.
      const current = await call(RoutingSettings, '/api/v1/routing-config');
      try {
        const saved = await call(
          RoutingSettings,
          '/api/v1/routing-config',
          { ...current, agentStatus },
          { method: 'PUT' },
        );
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

/**
 * The tabs of the lead's settings area. To add a tab, append one entry: its component renders the
 * tab's panel, `roles` says who sees it (the hub enforces the same roles on the endpoints it uses).
 * The rules that pick the visible tabs live in adminTabModel.ts.
 */
import type { AgentRole } from '../../../shared/domain.js';
import type { AdminTab } from './adminTabModel.js';
import { AutoRepliesTab } from './autoReplies/AutoRepliesTab.js';
import { GroupsTab } from './groups/GroupsTab.js';
import { SharedLibraryTab } from './library/SharedLibraryTab.js';
import { StatusSettingsTab } from './statuses/StatusSettingsTab.js';
import { WidgetTopicsTab } from './webchat/WidgetTopicsTab.js';
import { LinesTab } from './lines/LinesTab.js';
import { BlocklistTab } from './blocklist/BlocklistTab.js';
import { ChannelsTab } from '../channels/ChannelsTab.js';
import { DeadLettersTab } from '../channels/DeadLettersTab.js';
import { CustomerImportTab } from './customerImport/CustomerImportTab.js';
import { IdentificationSettingsTab } from '../identification/IdentificationSettingsTab.js';
import { AuditTab } from './audit/AuditTab.js';
import { SearchKeysTab } from './searchKeys/SearchKeysTab.js';
import { TopicsTab } from '../topics/TopicsTab.js';
import { KnowledgeTab } from '../knowledge/KnowledgeTab.js';
import { RegisterTypesTab } from '../register/RegisterTypesTab.js';
import { RecordingSettingsTab } from '../recording/RecordingSettingsTab.js';
import { QaFormsTab } from '../qa/QaFormsTab.js';
import { RatingsSettingsTab } from '../csat/RatingsSettingsTab.js';

const LEADS: readonly AgentRole[] = ['lead', 'admin'];

export const adminTabs: AdminTab[] = [
  { id: 'groups', labelKey: 'admin.tabs.groups', component: GroupsTab, roles: LEADS },
  { id: 'autoReplies', labelKey: 'admin.tabs.autoReplies', component: AutoRepliesTab, roles: LEADS },
  { id: 'library', labelKey: 'admin.tabs.library', component: SharedLibraryTab, roles: LEADS },
  { id: 'channels', labelKey: 'admin.tabs.channels', component: ChannelsTab, roles: LEADS },
  { id: 'deadLetters', labelKey: 'admin.tabs.deadLetters', component: DeadLettersTab, roles: ['admin'] },
  { id: 'statuses', labelKey: 'admin.tabs.statuses', component: StatusSettingsTab, roles: LEADS },
  { id: 'webchat', labelKey: 'admin.tabs.webchat', component: WidgetTopicsTab, roles: LEADS },
  { id: 'lines', labelKey: 'admin.tabs.lines', component: LinesTab, roles: LEADS },
  { id: 'blocklist', labelKey: 'admin.tabs.blocklist', component: BlocklistTab, roles: LEADS },
  { id: 'customers', labelKey: 'admin.tabs.customers', component: CustomerImportTab, roles: LEADS },
  { id: 'identification', labelKey: 'admin.tabs.identification', component: IdentificationSettingsTab, roles: LEADS },
  { id: 'audit', labelKey: 'admin.tabs.audit', component: AuditTab, roles: LEADS },
  { id: 'searchKeys', labelKey: 'admin.tabs.searchKeys', component: SearchKeysTab, roles: LEADS },
  { id: 'topics', labelKey: 'admin.tabs.topics', component: TopicsTab, roles: LEADS },
  { id: 'knowledge', labelKey: 'admin.tabs.knowledge', component: KnowledgeTab, roles: LEADS },
  { id: 'register', labelKey: 'admin.tabs.register', component: RegisterTypesTab, roles: LEADS },
  { id: 'recording', labelKey: 'admin.tabs.recording', component: RecordingSettingsTab, roles: LEADS },
  { id: 'qa', labelKey: 'admin.tabs.qa', component: QaFormsTab, roles: LEADS },
  { id: 'ratings', labelKey: 'admin.tabs.ratings', component: RatingsSettingsTab, roles: LEADS },
];

/**
 * The tabs of the lead's settings area. To add a tab, append one entry: its component renders the
 * tab's panel, `roles` says who sees it (the hub enforces the same roles on the endpoints it uses).
 */
import type { ComponentType } from 'react';
import type { AgentRole } from '../../../shared/domain.js';
import type { EnResource } from '../../i18n/en.js';
import { AutoRepliesTab } from './autoReplies/AutoRepliesTab.js';
import { GroupsTab } from './groups/GroupsTab.js';
import { SharedLibraryTab } from './library/SharedLibraryTab.js';
import { ChannelsTab } from '../channels/ChannelsTab.js';
import { DeadLettersTab } from '../channels/DeadLettersTab.js';

export interface AdminTab {
  id: string;
  /** Its label under admin.tabs in en.ts and ru.ts. */
  labelKey: `admin.tabs.${keyof EnResource['admin']['tabs']}`;
  component: ComponentType;
  roles: readonly AgentRole[];
}

/** Who reaches the area from the toolbar at all. */
export const ADMIN_AREA_ROLES: readonly AgentRole[] = ['lead', 'admin'];

const LEADS: readonly AgentRole[] = ['lead', 'admin'];

export const adminTabs: AdminTab[] = [
  { id: 'groups', labelKey: 'admin.tabs.groups', component: GroupsTab, roles: LEADS },
  { id: 'autoReplies', labelKey: 'admin.tabs.autoReplies', component: AutoRepliesTab, roles: LEADS },
  { id: 'library', labelKey: 'admin.tabs.library', component: SharedLibraryTab, roles: LEADS },
  { id: 'channels', labelKey: 'admin.tabs.channels', component: ChannelsTab, roles: LEADS },
  { id: 'deadLetters', labelKey: 'admin.tabs.deadLetters', component: DeadLettersTab, roles: ['admin'] },
];

export function canOpenAdminArea(role: AgentRole | undefined): boolean {
  return role !== undefined && ADMIN_AREA_ROLES.includes(role);
}

export function tabsFor(role: AgentRole, tabs: readonly AdminTab[] = adminTabs): AdminTab[] {
  return tabs.filter((tab) => tab.roles.includes(role));
}

/** The selected tab if the role may see it, else the first one it may. */
export function currentTab(tabs: readonly AdminTab[], selected: string | null): AdminTab | null {
  return tabs.find((tab) => tab.id === selected) ?? tabs[0] ?? null;
}

/** The rules of the settings area's tabs, apart from the registry (which imports every tab's component). */
import type { ComponentType } from 'react';
import type { AgentRole } from '../../../shared/domain.js';
import type { EnResource } from '../../i18n/en.js';

export interface AdminTab {
  id: string;
  /** Its label under admin.tabs in en.ts and ru.ts. */
  labelKey: `admin.tabs.${keyof EnResource['admin']['tabs']}`;
  component: ComponentType;
  roles: readonly AgentRole[];
}

/** Who reaches the area from the toolbar at all. */
export const ADMIN_AREA_ROLES: readonly AgentRole[] = ['lead', 'admin'];

export function canOpenAdminArea(role: AgentRole | undefined): boolean {
  return role !== undefined && ADMIN_AREA_ROLES.includes(role);
}

export function tabsFor(role: AgentRole, tabs: readonly AdminTab[]): AdminTab[] {
  return tabs.filter((tab) => tab.roles.includes(role));
}

/** The selected tab if the role may see it, else the first one it may. */
export function currentTab(tabs: readonly AdminTab[], selected: string | null): AdminTab | null {
  return tabs.find((tab) => tab.id === selected) ?? tabs[0] ?? null;
}

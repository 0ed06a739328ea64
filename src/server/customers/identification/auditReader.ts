/**
 * The desk audit as leads read and export it: rows with the agent's and customer's names beside
 * their ids. An export is itself recorded before its rows are handed over.
 */
import type { Agent } from '../../../shared/domain.js';
import {
  AUDIT_EXPORT_MAX,
  type AuditEntryView,
  type AuditExportFormat,
} from '../../../shared/customers/identificationAudit.js';
import type { HubStore } from '../../storage/hubStore.js';

export interface AuditFilter {
  from: number;
  to: number;
  customerId?: string | undefined;
  agentId?: string | undefined;
}

export class AuditReader {
  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
  ) {}

  list(filter: AuditFilter, limit: number): { entries: AuditEntryView[]; truncated: boolean } {
    const rows = this.store.audit.list({ ...filter, limit: limit + 1 });
    const names = new Map<string, string>();
    const customers = new Map<string, string | null>();
    const threads = new Map<string, number | null>();
    const agentName = (id: string) => {
      if (!names.has(id)) names.set(id, this.store.agents.byId(id)?.name ?? id);
      return names.get(id)!;
    };
    const customerName = (id: string | null) => {
      if (id === null) return null;
      if (!customers.has(id)) customers.set(id, this.store.customers.byId(id)?.name ?? null);
      return customers.get(id)!;
    };
    const threadNumber = (id: string | null) => {
      if (id === null) return null;
      if (!threads.has(id)) threads.set(id, this.store.threads.byId(id)?.number ?? null);
      return threads.get(id)!;
    };
    const entries = rows.slice(0, limit).map((row) => ({
      ...row,
      agentName: agentName(row.agentId),
      customerName: customerName(row.customerId),
      threadNumber: threadNumber(row.threadId),
    }));
    return { entries, truncated: rows.length > limit };
  }

  export(agent: Agent, filter: AuditFilter, format: AuditExportFormat) {
    const page = this.list(filter, AUDIT_EXPORT_MAX);
    this.store.audit.record(
      {
        agentId: agent.id,
        action: 'audit.exported',
        customerId: filter.customerId ?? null,
        detail: {
          format,
          rows: page.entries.length,
          from: filter.from,
          to: filter.to,
          agentFilter: filter.agentId ?? null,
        },
      },
      this.now(),
    );
    return page;
  }
}

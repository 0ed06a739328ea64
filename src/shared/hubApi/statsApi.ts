/**
 * The hub's figures: a period's KPIs (an agent reads only their own, at most a week at once; the
 * hub checks both per request), the floor now (leads and admins), and the softphone's live calls
 * an agent's core reports. Not rows: the period as a CSV or XLSX file and the live socket, named
 * in STATS_PATHS so the hub and the core share them.
 */
import { z } from 'zod';
import { CallStateInput, PeriodStatsWire, StatsSnapshotWire } from '../stats/statsWire.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

export const STATS_PATHS = {
  /** A table of a period as a file (the period's query plus `table`). */
  exportCsv: '/api/v1/stats/export.csv',
  exportXlsx: '/api/v1/stats/export.xlsx',
  /** The floor pushed as it changes (a WebSocket; leads and admins). */
  live: '/api/v1/stats/live',
} as const;

/** Without `tz`, days are the hub's configured zone's; without `day`, today. */
export const StatsPeriodQuery = z.object({
  day: z.string().optional(),
  days: z.coerce.number().int().min(1).max(62).default(1),
  tz: z.string().min(1).max(64).optional(),
  /** Leads and admins: one agent's figures; an agent may name only themselves. */
  agentId: z.string().optional(),
});

export const statsApi = {
  period: endpoint({
    method: 'GET',
    path: '/api/v1/stats',
    params: None,
    input: StatsPeriodQuery,
    output: PeriodStatsWire,
    roles: ALL,
  }),
  now: endpoint({
    method: 'GET',
    path: '/api/v1/stats/now',
    params: None,
    input: z.object({ tz: z.string().min(1).max(64).optional() }),
    output: StatsSnapshotWire,
    roles: LEADS,
  }),
  /** The caller's own softphone: how many calls are up (for "on call" on the lead's floor). */
  callState: endpoint({
    method: 'POST',
    path: '/api/v1/stats/calls',
    params: None,
    input: CallStateInput,
    output: z.object({ recorded: z.literal(true) }),
    roles: ALL,
  }),
} as const;

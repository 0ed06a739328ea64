/**
 * The hub's figures for the renderer: the core forwards the stats requests to the hub's
 * authenticated API with the session's token (as templates, decision 0009) and validates the answers.
 */
import type { RequestOutput } from '../../../shared/contract.js';
import { PeriodStatsWire, StatsSnapshotWire } from '../../../shared/stats/statsWire.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';

export interface StatsService {
  period(input: { day?: string | undefined; days: number; timeZone: string }): Promise<RequestOutput<'stats.period'>>;
  now(timeZone: string): Promise<RequestOutput<'stats.now'>>;
}

export function createStatsService(deps: HubCallDeps): StatsService {
  const call = createHubCall(deps, 'stats');
  return {
    period: ({ day, days, timeZone }) => {
      const query = new URLSearchParams({ days: String(days), tz: timeZone });
      if (day) query.set('day', day);
      return call(PeriodStatsWire, `/api/v1/stats?${query.toString()}`);
    },
    now: (timeZone) => call(StatsSnapshotWire, `/api/v1/stats/now?tz=${encodeURIComponent(timeZone)}`),
  };
}

/**
 * Figures over the hub's API. Leads and admins read everything; an agent reads only their own
 * period figures, at most a week at once (periodLimits.ts; leads and admins up to 62 days).
 * The period, the snapshot and an agent's core reporting the softphone's live calls are built from
 * their rows in src/shared/hubApi/statsApi.ts; the exports (CSV, XLSX: files, not JSON) and the
 * live socket (snapshots pushed) are hand-written on STATS_PATHS. Without `tz`, days are the hub's
 * configured zone's.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { STATS_PATHS, statsApi, StatsPeriodQuery } from '../../../shared/hubApi/statsApi.js';
import type { Logger } from '../../../shared/log.js';
import type { Heartbeat } from '../../sockets/heartbeat.js';
import { sendJson } from '../../sockets/sendJson.js';
import type { CallPresence } from '../../stats/callPresence.js';
import type { LiveStats } from '../../stats/liveStats.js';
import { checkPeriodLength } from '../../stats/periodLimits.js';
import { statsTableCsv, statsTableXlsx, STATS_TABLES } from '../../stats/statsCsv.js';
import type { StatsService } from '../../stats/statsService.js';
import { dayOf, zoneFormatter } from '../../stats/zonedDay.js';
import { agentOf, requireRole } from '../auth.js';
import { endpointRoute } from '../endpointRoute.js';
import { parseInput, sendUpgradeRequired } from '../errorReplies.js';

const LEADS = ['lead', 'admin'] as const;
const ExportParams = StatsPeriodQuery.extend({ table: z.enum(STATS_TABLES).default('byAgent') });

export function registerStatsRoutes(
  app: FastifyInstance,
  deps: {
    stats: StatsService;
    live: LiveStats;
    calls: CallPresence;
    heartbeat: Heartbeat;
    now: () => number;
    log: Logger;
  },
): void {
  const { stats, live, now } = deps;

  const periodOf = (agent: Agent, input: z.infer<typeof StatsPeriodQuery>) => {
    const tz = input.tz ?? stats.timeZone;
    zoneFormatter(tz);
    let agentId = input.agentId;
    if (agent.role === 'agent') {
      if (agentId !== undefined && agentId !== agent.id) {
        throw new OknoError('forbidden', 'an agent may read only their own figures');
      }
      agentId = agent.id;
    }
    checkPeriodLength(agent.role, input.days);
    const at = now();
    return stats.period({ day: input.day ?? dayOf(at, tz), days: input.days, timeZone: tz, agentId, now: at });
  };

  endpointRoute(app, statsApi.period, (agent, input) => periodOf(agent, input));

  app.get(STATS_PATHS.exportCsv, async (request, reply) => {
    const input = parseInput(ExportParams, request.query, 'stats export');
    const period = periodOf(agentOf(request), input);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="okno-${input.table}.csv"`)
      .send(statsTableCsv(period, input.table));
  });

  app.get(STATS_PATHS.exportXlsx, async (request, reply) => {
    const input = parseInput(ExportParams, request.query, 'stats export');
    const period = periodOf(agentOf(request), input);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="okno-${input.table}.xlsx"`)
      .send(await statsTableXlsx(period, input.table));
  });

  endpointRoute(app, statsApi.now, (_agent, { tz }) => {
    if (tz) zoneFormatter(tz);
    return stats.snapshot(now(), tz ?? stats.timeZone);
  });

  endpointRoute(app, statsApi.callState, (agent, { liveCalls }) => {
    if (deps.calls.report(agent.id, liveCalls)) live.changed();
    return { recorded: true as const };
  });

  app.route({
    method: 'GET',
    url: STATS_PATHS.live,
    preValidation: async (request) => requireRole(agentOf(request), LEADS),
    handler: (_request, reply) => sendUpgradeRequired(reply),
    wsHandler: (socket) => {
      deps.heartbeat.track(socket);
      const send = (snapshot: unknown) => sendJson(socket, { type: 'stats', snapshot });
      const unsubscribe = live.subscribe(send);
      send(stats.snapshot(now()));
      socket.on('close', unsubscribe);
      socket.on('error', (error) => deps.log.warn('stats socket error', { error: error.message }));
    },
  });
}

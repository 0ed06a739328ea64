/**
 * Figures over the hub's API. Leads and admins read everything; an agent reads only their own
 * period figures, at most a week at once (periodLimits.ts; leads and admins up to 62 days).
 * GET /api/v1/stats (a period), /api/v1/stats/now (the snapshot),
 * /api/v1/stats/export.csv (a table of a period) and the socket /api/v1/stats/live (snapshots pushed).
 * POST /api/v1/stats/calls: an agent's core reports the softphone's live calls (its own only).
 * Without `tz`, days are the hub's configured zone's.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OknoError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import type { Heartbeat } from '../../sockets/heartbeat.js';
import { sendJson } from '../../sockets/sendJson.js';
import { CallStateInput } from '../../../shared/stats/statsWire.js';
import type { CallPresence } from '../../stats/callPresence.js';
import type { LiveStats } from '../../stats/liveStats.js';
import { checkPeriodLength } from '../../stats/periodLimits.js';
import { statsTableCsv, statsTableXlsx, STATS_TABLES } from '../../stats/statsCsv.js';
import type { StatsService } from '../../stats/statsService.js';
import { dayOf, zoneFormatter } from '../../stats/zonedDay.js';
import { agentOf, requireRole } from '../auth.js';
import { parseInput, sendUpgradeRequired } from '../errorReplies.js';

const LEADS = ['lead', 'admin'] as const;
export const STATS_API = {
  period: '/api/v1/stats',
  now: '/api/v1/stats/now',
  exportCsv: '/api/v1/stats/export.csv',
  exportXlsx: '/api/v1/stats/export.xlsx',
  live: '/api/v1/stats/live',
  calls: '/api/v1/stats/calls',
} as const;

const PeriodParams = z.object({
  day: z.string().optional(),
  days: z.coerce.number().int().min(1).max(62).default(1),
  tz: z.string().min(1).max(64).optional(),
  agentId: z.string().optional(),
});
const ExportParams = PeriodParams.extend({ table: z.enum(STATS_TABLES).default('byAgent') });

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

  const periodOf = (request: Parameters<typeof agentOf>[0], input: z.infer<typeof PeriodParams>) => {
    const agent = agentOf(request);
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

  app.get(STATS_API.period, async (request) => periodOf(request, parseInput(PeriodParams, request.query, 'stats')));

  app.get(STATS_API.exportCsv, async (request, reply) => {
    const input = parseInput(ExportParams, request.query, 'stats export');
    const period = periodOf(request, input);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="okno-${input.table}.csv"`)
      .send(statsTableCsv(period, input.table));
  });

  app.get(STATS_API.exportXlsx, async (request, reply) => {
    const input = parseInput(ExportParams, request.query, 'stats export');
    const period = periodOf(request, input);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="okno-${input.table}.xlsx"`)
      .send(await statsTableXlsx(period, input.table));
  });

  app.get(STATS_API.now, async (request) => {
    requireRole(agentOf(request), LEADS);
    const tz = parseInput(z.object({ tz: z.string().min(1).max(64).optional() }), request.query, 'stats').tz;
    if (tz) zoneFormatter(tz);
    return stats.snapshot(now(), tz ?? stats.timeZone);
  });

  app.post(STATS_API.calls, async (request) => {
    const agent = agentOf(request);
    const { liveCalls } = parseInput(CallStateInput, request.body, 'call state');
    if (deps.calls.report(agent.id, liveCalls)) live.changed();
    return { recorded: true as const };
  });

  app.route({
    method: 'GET',
    url: STATS_API.live,
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

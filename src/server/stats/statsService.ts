/**
 * The hub's figures: summaries of a period (by 15-minute interval, hour and day; by agent, group
 * and channel) and the "now" snapshot (queues, agents by status, today's service level and
 * abandon rate, the Erlang C staffing hint). Formulas live in src/shared/stats; this only feeds them.
 */
import type { Channel } from '../../shared/domain.js';
import type { ContactRecord } from '../../shared/stats/contact.js';
import { agentsNeeded } from '../../shared/stats/erlangC.js';
import { summarizeBy, summarizeByInterval, type IntervalSummary } from '../../shared/stats/intervals.js';
import { summarizeContacts, type KpiSummary } from '../../shared/stats/kpi.js';
import type { Database } from '../storage/sqlite.js';
import { ContactLoader } from './loadContacts.js';
import { dayOf, dayRange } from './zonedDay.js';

export const SERVICE_LEVEL_TARGET = 0.8;
export const SERVICE_LEVEL_SECONDS = 20;
/** Handle time assumed for the staffing hint before anyone has been answered today. */
export const DEFAULT_AHT_SECONDS = 180;
const HOUR_MS = 3_600_000;

export interface PeriodQuery {
  day: string;
  days: number;
  timeZone: string;
  /** Only this agent's contacts (an agent reading their own figures). */
  agentId?: string;
}

export interface PeriodStats {
  from: number;
  to: number;
  timeZone: string;
  total: KpiSummary;
  by15min: IntervalSummary[];
  byHour: IntervalSummary[];
  byDay: IntervalSummary[];
  byAgent: { key: string; summary: KpiSummary }[];
  byGroup: { key: string; summary: KpiSummary }[];
  byChannel: { key: string; summary: KpiSummary }[];
}

export interface QueueFigure {
  channel: Channel;
  waiting: number;
  oldestWaitMs: number;
}

export type FloorStatus = 'ready' | 'on_call' | 'in_chats' | 'not_ready' | 'offline';

export interface AgentFigure {
  agentId: string;
  name: string;
  status: FloorStatus;
  sinceMs: number;
  openThreads: number;
}

export interface StatsSnapshot {
  at: number;
  queues: QueueFigure[];
  agents: AgentFigure[];
  byStatus: Record<FloorStatus, number>;
  today: KpiSummary;
  offeredLastHour: number;
  staffing: { agents: number; erlangs: number; serviceLevel: number } | null;
}

const entries = (map: Map<string, KpiSummary>) =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, summary]) => ({ key, summary }));

export class StatsService {
  private readonly loader: ContactLoader;
  private readonly queueStmt;
  private readonly agentsStmt;

  constructor(db: Database) {
    this.loader = new ContactLoader(db);
    this.queueStmt = db.prepare(
      `SELECT t.channel AS channel, count(*) AS n, min(coalesce(r.queued_at, t.created_at)) AS oldest
       FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id
       WHERE t.status = 'open' AND t.assignee_id IS NULL GROUP BY t.channel ORDER BY t.channel`,
    );
    this.agentsStmt = db.prepare(
      `SELECT a.id, a.name, a.status, a.updated_at,
         (SELECT count(*) FROM threads WHERE status = 'open' AND assignee_id = a.id AND channel <> 'phone') AS chats,
         (SELECT count(*) FROM threads WHERE status = 'open' AND assignee_id = a.id AND channel = 'phone') AS calls
       FROM agents a ORDER BY a.name, a.id`,
    );
  }

  contacts(from: number, to: number, agentId?: string): ContactRecord[] {
    const all = this.loader.contacts(from, to);
    return agentId === undefined ? all : all.filter((c) => c.agentId === agentId);
  }

  /** The contacts of these threads, wherever they fall (for incremental updates). */
  contactsOf(threadIds: readonly string[]): ContactRecord[] {
    return this.loader.contactsOf(threadIds);
  }

  /** Where the contacts the snapshot needs begin: today's start, or an hour ago if that is earlier. */
  recentFrom(now: number, timeZone = 'UTC'): number {
    return Math.min(dayRange(dayOf(now, timeZone), 1, timeZone).from, now - HOUR_MS);
  }

  period(q: PeriodQuery): PeriodStats {
    const { from, to } = dayRange(q.day, q.days, q.timeZone);
    const contacts = this.contacts(from, to, q.agentId);
    const opts = { timeZone: q.timeZone };
    return {
      from,
      to,
      timeZone: q.timeZone,
      total: summarizeContacts(contacts),
      by15min: summarizeByInterval(contacts, '15min', opts),
      byHour: summarizeByInterval(contacts, 'hour', opts),
      byDay: summarizeByInterval(contacts, 'day', opts),
      byAgent: entries(summarizeBy(contacts, 'agentId')),
      byGroup: entries(summarizeBy(contacts, 'groupId')),
      byChannel: entries(summarizeBy(contacts, 'channel')),
    };
  }

  /** `recent`: the contacts offered since recentFrom(now), when the caller keeps them (LiveStats); else loaded. */
  snapshot(now: number, timeZone = 'UTC', recent?: readonly ContactRecord[]): StatsSnapshot {
    const queues = (this.queueStmt.all() as { channel: Channel; n: number; oldest: number | null }[]).map((r) => ({
      channel: r.channel,
      waiting: r.n,
      oldestWaitMs: r.oldest === null ? 0 : Math.max(0, now - r.oldest),
    }));
    const byStatus: Record<FloorStatus, number> = { ready: 0, on_call: 0, in_chats: 0, not_ready: 0, offline: 0 };
    const agents = (
      this.agentsStmt.all() as {
        id: string;
        name: string;
        status: string;
        updated_at: number;
        chats: number;
        calls: number;
      }[]
    ).map((r) => {
      const status: FloorStatus =
        r.status !== 'ready' ? (r.status as FloorStatus) : r.calls > 0 ? 'on_call' : r.chats > 0 ? 'in_chats' : 'ready';
      byStatus[status]++;
      return {
        agentId: r.id,
        name: r.name,
        status,
        sinceMs: Math.max(0, now - r.updated_at),
        openThreads: r.chats + r.calls,
      };
    });
    const { from } = dayRange(dayOf(now, timeZone), 1, timeZone);
    const todays = recent ?? this.contacts(this.recentFrom(now, timeZone), now + 1);
    const today = summarizeContacts(todays.filter((c) => c.offeredAt !== null && c.offeredAt >= from));
    const offeredLastHour = todays.filter((c) => c.offeredAt !== null && c.offeredAt > now - HOUR_MS).length;
    const ahtSeconds = (today.averageHandleTimeMs ?? DEFAULT_AHT_SECONDS * 1000) / 1000;
    let staffing: StatsSnapshot['staffing'] = null;
    try {
      const hint = agentsNeeded(
        { callsPerHour: offeredLastHour, ahtSeconds: Math.max(1, ahtSeconds) },
        SERVICE_LEVEL_TARGET,
        SERVICE_LEVEL_SECONDS,
      );
      staffing = { agents: hint.agents, erlangs: hint.erlangs, serviceLevel: hint.serviceLevel };
    } catch {
      // More agents than the search bound: no hint rather than a wrong one.
    }
    return { at: now, queues, agents, byStatus, today, offeredLastHour, staffing };
  }
}

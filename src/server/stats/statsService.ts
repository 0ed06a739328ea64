/**
 * The hub's figures: summaries of a period (by 15-minute interval, hour and day; by agent, group
 * and channel) and the "now" snapshot (queues, agents by status, today's service level and
 * abandon rate, the Erlang C staffing hint). Formulas live in src/shared/stats; this only feeds them.
 */
import type { Channel } from '../../shared/domain.js';
import { afterCallWorkPeriods, withAfterCallWork, type StatusEvent } from '../../shared/stats/afterCallWork.js';
import type { ContactRecord } from '../../shared/stats/contact.js';
import { agentsNeeded } from '../../shared/stats/erlangC.js';
import { summarizeBy, summarizeByInterval, type IntervalSummary } from '../../shared/stats/intervals.js';
import { summarizeContacts, type KpiSummary } from '../../shared/stats/kpi.js';
import { phoneQueueBreakdown, type QueueRow } from '../../shared/stats/phoneQueue.js';
import type { PhoneQueueWire } from '../../shared/stats/statsWire.js';
import { LinesRepo } from '../storage/linesRepo.js';
import type { Database } from '../storage/database.js';
import { CallPresence } from './callPresence.js';
import { ContactLoader } from './loadContacts.js';
import { dayOf, dayRange } from './zonedDay.js';

export const SERVICE_LEVEL_TARGET = 0.8;
export const SERVICE_LEVEL_SECONDS = 20;
/** Handle time assumed for the staffing hint before anyone has been answered today. */
export const DEFAULT_AHT_SECONDS = 180;
const HOUR_MS = 3_600_000;
/** Status history read past a period's end, so a late call's wrap-up and each period's end are seen. */
const STATUS_TAIL_MS = 24 * HOUR_MS;

export interface PeriodQuery {
  day: string;
  days: number;
  timeZone: string;
  /** Only this agent's contacts (an agent reading their own figures). */
  agentId?: string;
  /** The hub's clock: where an unfinished wrap-up ends. */
  now?: number;
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
  /** The calls the hub's queue held: by line and menu choice, with the lines' names. */
  phoneQueue: PhoneQueueWire;
}

/** The service lines' names by id (the hub's lines; read when a period is asked for). */
export interface LineNames {
  all(): readonly { id: string; name: string }[];
}

export interface QueueFigure {
  channel: Channel;
  waiting: number;
  oldestWaitMs: number;
}

export type FloorStatus = 'ready' | 'on_call' | 'in_chats' | 'after_call_work' | 'not_ready' | 'away' | 'offline';
const FLOOR_STATUSES: readonly FloorStatus[] = [
  'ready',
  'on_call',
  'in_chats',
  'after_call_work',
  'not_ready',
  'away',
  'offline',
];

export interface AgentFigure {
  agentId: string;
  name: string;
  status: FloorStatus;
  sinceMs: number;
  openThreads: number;
}

export interface StatsSnapshot {
  at: number;
  /** The zone whose calendar day `today` is, and that day (YYYY-MM-DD). */
  timeZone: string;
  day: string;
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
  private readonly statusStmt;
  private readonly agentStatusStmt;

  constructor(
    db: Database,
    private readonly calls: CallPresence = new CallPresence(Date.now),
    /** The hub's configured zone: whose calendar "today" is when a caller names none. */
    readonly timeZone = 'UTC',
    private readonly lines: LineNames = new LinesRepo(db),
  ) {
    this.loader = new ContactLoader(db);
    this.statusStmt = db.prepare(
      `SELECT agent_id AS agentId, status, started_at AS startedAt FROM agent_status_events
       WHERE started_at >= ? AND started_at < ? ORDER BY agent_id, started_at, seq`,
    );
    this.agentStatusStmt = db.prepare(
      `SELECT agent_id AS agentId, status, started_at AS startedAt FROM agent_status_events
       WHERE agent_id = ? AND started_at >= ? AND started_at < ? ORDER BY started_at, seq`,
    );
    this.queueStmt = db.prepare(
      `SELECT t.channel AS channel, count(*) AS n, min(coalesce(r.queued_at, t.created_at)) AS oldest
       FROM threads t LEFT JOIN thread_routing r ON r.thread_id = t.id
       WHERE t.status = 'open' AND t.assignee_id IS NULL GROUP BY t.channel ORDER BY t.channel`,
    );
    this.agentsStmt = db.prepare(
      `SELECT a.id, a.name, a.status, coalesce(a.status_since, a.updated_at) AS since,
         (SELECT count(*) FROM threads WHERE status = 'open' AND assignee_id = a.id AND channel <> 'phone') AS chats,
         (SELECT count(*) FROM threads WHERE status = 'open' AND assignee_id = a.id AND channel = 'phone') AS calls
       FROM agents a ORDER BY a.name, a.id`,
    );
  }

  /**
   * Contacts offered in [from, to), with after-call work from the status history up to `now`. With
   * `agentId`, only that agent's contacts, read by agent in SQL (nobody else's rows are loaded).
   */
  contacts(from: number, to: number, agentId?: string, now = Date.now()): ContactRecord[] {
    if (agentId !== undefined) return this.agentContacts(agentId, from, to, now).own;
    return this.withAfterCallWork(this.loader.contacts(from, to), from, to, now);
  }

  /** Fills each answered call's after-call work from the agents' `after_call_work` periods. */
  withAfterCallWork(
    contacts: readonly ContactRecord[],
    from: number,
    to: number,
    now: number,
    agentId?: string,
  ): ContactRecord[] {
    const until = Math.min(to, now + 1) + STATUS_TAIL_MS;
    const events = (
      agentId === undefined ? this.statusStmt.all(from, until) : this.agentStatusStmt.all(agentId, from, until)
    ) as StatusEvent[];
    return withAfterCallWork(contacts, afterCallWorkPeriods(events, now));
  }

  /** One agent's contacts of [from, to) (with after-call work) and the others' where an offer rang out at them. */
  private agentContacts(agentId: string, from: number, to: number, now: number) {
    const { own, missedElsewhere } = this.loader.contactsOfAgent(agentId, from, to);
    return { own: this.withAfterCallWork(own, from, to, now, agentId), missedElsewhere };
  }

  /** Brings the precomputed contact rows of these threads up to date (after a committed change). */
  refresh(threadIds: readonly string[]): void {
    this.loader.refresh(threadIds);
  }

  /** Precomputes the rows of threads that have none yet (at start); returns how many. */
  catchUp(): number {
    return this.loader.catchUp();
  }

  /** The contacts of these threads, wherever they fall (for incremental updates). */
  contactsOf(threadIds: readonly string[]): ContactRecord[] {
    return this.loader.contactsOf(threadIds);
  }

  /** Where the contacts the snapshot needs begin: today's start, or an hour ago if that is earlier. */
  recentFrom(now: number, timeZone = this.timeZone): number {
    return Math.min(dayRange(dayOf(now, timeZone), 1, timeZone).from, now - HOUR_MS);
  }

  period(q: PeriodQuery): PeriodStats {
    const { from, to } = dayRange(q.day, q.days, q.timeZone);
    const now = q.now ?? Date.now();
    let contacts: ContactRecord[];
    // The contacts the queue's missed offers are counted over: all, or the agent's own and those they missed.
    let offered: ContactRecord[];
    if (q.agentId === undefined) {
      contacts = offered = this.contacts(from, to, undefined, now);
    } else {
      const { own, missedElsewhere } = this.agentContacts(q.agentId, from, to, now);
      contacts = own;
      offered = [...own, ...missedElsewhere];
    }
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
      phoneQueue: this.phoneQueue(contacts, offered, q.agentId),
    };
  }

  /**
   * The queue of the period's contacts with the lines' names. An agent reading their own figures
   * sees their calls' rows and only their own missed offers (which are on calls others answered).
   */
  private phoneQueue(contacts: readonly ContactRecord[], all: readonly ContactRecord[], agentId?: string) {
    const breakdown = phoneQueueBreakdown(contacts);
    const names = new Map(this.lines.all().map((l) => [l.id, l.name]));
    const named = (row: QueueRow) => ({
      ...row,
      lineName: row.lineId === null ? null : (names.get(row.lineId) ?? null),
    });
    return {
      total: breakdown.total,
      byLine: breakdown.byLine.map(named),
      byChoice: breakdown.byChoice.map(named),
      missedByAgent:
        agentId === undefined
          ? breakdown.missedByAgent
          : phoneQueueBreakdown(all).missedByAgent.filter((m) => m.agentId === agentId),
    };
  }

  /** `recent`: the contacts offered since recentFrom(now), when the caller keeps them (LiveStats); else loaded. */
  snapshot(now: number, timeZone = this.timeZone, recent?: readonly ContactRecord[]): StatsSnapshot {
    const queues = (this.queueStmt.all() as { channel: Channel; n: number; oldest: number | null }[]).map((r) => ({
      channel: r.channel,
      waiting: r.n,
      oldestWaitMs: r.oldest === null ? 0 : Math.max(0, now - r.oldest),
    }));
    const byStatus = Object.fromEntries(FLOOR_STATUSES.map((s) => [s, 0])) as Record<FloorStatus, number>;
    const agents = (
      this.agentsStmt.all() as {
        id: string;
        name: string;
        status: string;
        since: number;
        chats: number;
        calls: number;
      }[]
    ).map((r) => {
      // On a call is the softphone's live state as the agent's core reported it, not open phone threads.
      const live = r.status === 'offline' ? null : this.calls.of(r.id);
      const status: FloorStatus = live
        ? 'on_call'
        : r.status === 'ready'
          ? r.chats > 0
            ? 'in_chats'
            : 'ready'
          : FLOOR_STATUSES.includes(r.status as FloorStatus)
            ? (r.status as FloorStatus)
            : 'not_ready';
      byStatus[status]++;
      return {
        agentId: r.id,
        name: r.name,
        status,
        sinceMs: Math.max(0, now - (live ? live.since : r.since)),
        openThreads: r.chats + r.calls,
      };
    });
    const day = dayOf(now, timeZone);
    const { from } = dayRange(day, 1, timeZone);
    const recentFrom = this.recentFrom(now, timeZone);
    const todays = this.withAfterCallWork(
      recent ?? this.loader.contacts(recentFrom, now + 1),
      recentFrom,
      now + 1,
      now,
    );
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
    return { at: now, timeZone, day, queues, agents, byStatus, today, offeredLastHour, staffing };
  }
}

/**
 * Stats by topic on the hub (decision 0033): a period's figures per topic, the seasonality chart's
 * volumes and two periods compared. The contacts are the period tables' (threads created in the
 * lead's days, after-call work filled in from the status history as for the period tables); the
 * formulas are src/shared/stats (kpi.ts, topicStats.ts).
 */
import type { ContactRecord } from '../../shared/stats/contact.js';
import { intervalKey } from '../../shared/stats/intervals.js';
import {
  compareByTopic,
  seasonBuckets,
  seasonByTopic,
  summarizeByTopic,
  type TopicPeriod,
} from '../../shared/stats/topicStats.js';
import {
  daysOf,
  type TopicCompareInput,
  type TopicCompareWire,
  type TopicPeriodInput,
  type TopicPeriodWire,
  type TopicSeasonInput,
  type TopicSeasonWire,
} from '../../shared/stats/topicStatsWire.js';
import type { TopicStatsRepo } from '../storage/topicStatsRepo.js';
import { dayRange, zoneFormatter } from './zonedDay.js';

/** Fills answered calls' after-call work (StatsService does it for the period tables). */
export interface AfterCallWork {
  withAfterCallWork(contacts: readonly ContactRecord[], from: number, to: number, now: number): ContactRecord[];
}

interface Range {
  from: string;
  to: string;
}

export class TopicStatsService {
  constructor(
    private readonly repo: TopicStatsRepo,
    private readonly acw: AfterCallWork,
  ) {}

  private bounds(range: Range, timeZone: string) {
    zoneFormatter(timeZone);
    const { from, to } = dayRange(range.from, daysOf(range.from, range.to), timeZone);
    return { from, to, fromDay: range.from, toDay: range.to };
  }

  private figures(range: Range, timeZone: string, now: number) {
    const bounds = this.bounds(range, timeZone);
    const stored = this.repo.contacts(bounds.from, bounds.to);
    const contacts = this.acw.withAfterCallWork(
      stored.map((s) => s.contact),
      bounds.from,
      bounds.to,
      now,
    );
    const period: TopicPeriod = summarizeByTopic(
      this.repo.topics(),
      contacts.map((contact, i) => ({ contact, topicIds: stored[i]!.topicIds })),
    );
    return { bounds, period };
  }

  period(input: TopicPeriodInput, now: number): TopicPeriodWire {
    const { bounds, period } = this.figures(input, input.timeZone, now);
    return { ...bounds, timeZone: input.timeZone, total: period.total, rows: period.rows };
  }

  season(input: TopicSeasonInput, _now: number): TopicSeasonWire {
    const bounds = this.bounds(input, input.timeZone);
    const buckets = seasonBuckets(input.from, input.to, input.step);
    const contacts = this.repo.seasonContacts(bounds.from, bounds.to).map((c) => ({
      day: intervalKey(c.createdAt, 'day', input.timeZone),
      topicIds: c.topicIds,
      contact: {
        id: '',
        channel: 'phone' as const,
        agentId: null,
        groupId: null,
        offeredAt: c.offeredAt,
        answeredAt: c.answeredAt,
        abandonedAt: c.abandonedAt,
        talkMs: 0,
        holdMs: 0,
        afterCallWorkMs: 0,
        transfers: 0,
        csat: null,
      },
    }));
    const series = seasonByTopic(this.repo.topics(), contacts, buckets, input.step);
    return { ...bounds, timeZone: input.timeZone, step: input.step, buckets, series };
  }

  compare(input: TopicCompareInput, now: number): TopicCompareWire {
    const a = this.figures(input.a, input.timeZone, now);
    const b = this.figures(input.b, input.timeZone, now);
    return {
      timeZone: input.timeZone,
      a: { ...a.bounds, total: a.period.total },
      b: { ...b.bounds, total: b.period.total },
      rows: compareByTopic(this.repo.topics(), a.period, b.period),
    };
  }
}

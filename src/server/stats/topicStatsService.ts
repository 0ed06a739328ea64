/**
 * Stats by topic on the hub (decision 0033): a period's figures per topic, the seasonality chart's
 * volumes and two periods compared. The contacts are the period tables' (threads created in the
 * lead's days, after-call work filled in from the status history as for the period tables); the
 * formulas are src/shared/stats (kpi.ts, topicStats.ts).
 */
import type { ContactRecord } from '../../shared/stats/contact.js';
import {
  compareByTopic,
  seasonBuckets,
  seasonFromCounts,
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

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

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
    const days: string[] = [];
    const ranges: { from: number; to: number }[] = [];
    for (let day = input.from; day <= input.to; day = nextDay(day)) {
      days.push(day);
      ranges.push(dayRange(day, 1, input.timeZone));
    }
    const counts = this.repo
      .seasonCounts(ranges)
      .map((r) => ({ day: days[r.day]!, topicIds: r.topicIds, count: r.count }));
    const series = seasonFromCounts(this.repo.topics(), counts, buckets, input.step);
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

/** Stats by topic as they cross the wire (hub → core → renderer), validated at each hop (decision 0033). */
import { z } from 'zod';
import { COMPARED } from './topicStats.js';
import { KpiSummaryWire } from './statsWire.js';

/** Leads read one period of at most this many days (as the period tables). */
export const TOPIC_PERIOD_MAX_DAYS = 62;
/** A seasonality chart spans at most this many days (two years: this December against the last). */
export const TOPIC_SEASON_MAX_DAYS = 731;

export const StatsDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'no such day');
const Zone = z.string().min(1).max(64);

/** Days from `from` to `to`, both included. */
export const daysOf = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** from ≤ to, and not longer than `max` days: refused naming the field. */
const span = <T extends { from: string; to: string }>(max: number, prefix: string[] = []) =>
  ((input: T, ctx: z.RefinementCtx) => {
    const days = daysOf(input.from, input.to);
    if (days < 1) {
      ctx.addIssue({ code: 'custom', path: [...prefix, 'to'], message: `${input.to} is before ${input.from}` });
    } else if (days > max) {
      ctx.addIssue({
        code: 'custom',
        path: [...prefix, 'to'],
        message: `at most ${max} days at once; ${days} were asked for`,
      });
    }
  }) as (input: T, ctx: z.RefinementCtx) => void;

export const DayRange = z.object({ from: StatsDay, to: StatsDay });

export const TopicPeriodInput = DayRange.extend({ timeZone: Zone }).superRefine(span(TOPIC_PERIOD_MAX_DAYS));
export type TopicPeriodInput = z.infer<typeof TopicPeriodInput>;

export const SeasonStepWire = z.enum(['month', 'week']);
export const TopicSeasonInput = DayRange.extend({ timeZone: Zone, step: SeasonStepWire.default('month') }).superRefine(
  span(TOPIC_SEASON_MAX_DAYS),
);
export type TopicSeasonInput = z.infer<typeof TopicSeasonInput>;

export const TopicCompareInput = z.object({ a: DayRange, b: DayRange, timeZone: Zone }).superRefine((input, ctx) => {
  span(TOPIC_PERIOD_MAX_DAYS, ['a'])(input.a, ctx);
  span(TOPIC_PERIOD_MAX_DAYS, ['b'])(input.b, ctx);
});
export type TopicCompareInput = z.infer<typeof TopicCompareInput>;

const RowHead = z.object({
  /** null: the "No topic" row. */
  topicId: z.string().nullable(),
  parentId: z.string().nullable(),
  depth: z.number().int().min(0),
  name: z.object({ en: z.string(), ru: z.string() }).nullable(),
  retired: z.boolean(),
});

/** A period's bounds as UTC instants [from, to) and as the lead's days (both included). */
const Bounds = z.object({ from: z.number(), to: z.number(), fromDay: z.string(), toDay: z.string() });

export const TopicPeriodWire = Bounds.extend({
  timeZone: z.string(),
  /** Every contact once (the rows add up to more where contacts have several topics). */
  total: KpiSummaryWire,
  rows: z.array(RowHead.extend({ summary: KpiSummaryWire })),
});
export type TopicPeriodWire = z.infer<typeof TopicPeriodWire>;

export const TopicSeasonWire = Bounds.extend({
  timeZone: z.string(),
  step: SeasonStepWire,
  /** Months (YYYY-MM) or weeks (their Monday, YYYY-MM-DD), in order. */
  buckets: z.array(z.string()),
  series: z.array(RowHead.extend({ values: z.array(z.number()), total: z.number() })),
});
export type TopicSeasonWire = z.infer<typeof TopicSeasonWire>;

const ChangeWire = z.object({ delta: z.number().nullable(), pct: z.number().nullable() });

export const TopicCompareWire = z.object({
  timeZone: z.string(),
  a: Bounds.extend({ total: KpiSummaryWire }),
  b: Bounds.extend({ total: KpiSummaryWire }),
  rows: z.array(
    RowHead.extend({
      a: KpiSummaryWire,
      b: KpiSummaryWire,
      change: z.object(
        Object.fromEntries(COMPARED.map((k) => [k, ChangeWire])) as Record<
          (typeof COMPARED)[number],
          typeof ChangeWire
        >,
      ),
    }),
  ),
});
export type TopicCompareWire = z.infer<typeof TopicCompareWire>;

/**
 * Scoring forms, scores and the report as they cross every boundary (issue 16, decision 0042).
 * A form is a list of weighted criteria whose weights add up to 100; a score answers each criterion.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { daysOf, StatsDay } from '../stats/topicStatsWire.js';

export const QA_WEIGHT_TOTAL = 100;
export const QA_SCALE_MAX = 10;
export const QA_MAX_CRITERIA = 50;

export const CriterionKind = z.enum(['yes_no', 'scale']);
export type CriterionKind = z.infer<typeof CriterionKind>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const Criterion = z
  .object({
    /** Stable across the form's versions, so the report can follow one criterion. */
    id: z.string().trim().min(1).max(64),
    label: Text(200),
    kind: CriterionKind,
    /** The scale's top point (1..N); ignored and null for yes/no. */
    scaleMax: z.number().int().min(2).max(QA_SCALE_MAX).nullable().default(null),
    weight: z.number().int('must be a whole number').min(1).max(QA_WEIGHT_TOTAL),
    /** A failed critical criterion makes the whole score 0. */
    critical: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'scale' && c.scaleMax === null) {
      ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: 'a scale needs its top point (2..10)' });
    }
  })
  .transform((c) => ({ ...c, scaleMax: c.kind === 'scale' ? c.scaleMax : null }));
export type Criterion = z.infer<typeof Criterion>;

export const weightSum = (criteria: readonly { weight: number }[]): number =>
  criteria.reduce((sum, c) => sum + c.weight, 0);

export const QaFormInput = z
  .object({
    name: Text(120),
    criteria: z.array(Criterion).min(1, 'a form needs at least one criterion').max(QA_MAX_CRITERIA),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.criteria.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `${c.id} is used twice` });
      seen.add(c.id);
    });
    const sum = weightSum(form.criteria);
    if (form.criteria.length > 0 && sum !== QA_WEIGHT_TOTAL) {
      ctx.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: `weights add up to ${sum}; they must add up to ${QA_WEIGHT_TOTAL}`,
      });
    }
  });
export type QaFormInput = z.infer<typeof QaFormInput>;

export const QaForm = z.object({
  id: Id,
  name: z.string(),
  /** The current version (1, 2, …): a form edited after it was used gets a new one. */
  version: z.number().int().min(1),
  criteria: z.array(Criterion),
  retired: z.boolean(),
  /** Scores made with any version of it. */
  scores: z.number().int().min(0),
  updatedAt: z.number().int(),
});
export type QaForm = z.infer<typeof QaForm>;
export const QaFormList = z.object({ forms: z.array(QaForm) });

/** yes/no: 1 yes, 0 no; scale: the point chosen, 1..N. */
export const Answer = z.object({
  criterionId: z.string().min(1).max(64),
  value: z.number().int().min(0).max(QA_SCALE_MAX),
});
export type Answer = z.infer<typeof Answer>;

export const ScoreInput = z.object({
  /** Made by the client, so a retried save is applied once. */
  id: Id,
  formId: Id,
  answers: z.array(Answer).min(1).max(QA_MAX_CRITERIA),
  comment: z.string().trim().max(4000).default(''),
});
export type ScoreInput = z.infer<typeof ScoreInput>;

export const ScoredAnswer = z.object({
  criterionId: z.string(),
  label: z.string(),
  kind: CriterionKind,
  scaleMax: z.number().int().nullable(),
  weight: z.number(),
  critical: z.boolean(),
  value: z.number().int(),
  /** 0..1: the answer on its criterion's own scale. */
  normalized: z.number().min(0).max(1),
  failedCritical: z.boolean(),
});
export type ScoredAnswer = z.infer<typeof ScoredAnswer>;

export const QaScore = z.object({
  id: Id,
  threadId: Id,
  threadNumber: z.number().int(),
  channel: z.string(),
  agentId: Id,
  agentName: z.string(),
  formId: Id,
  formName: z.string(),
  formVersion: z.number().int(),
  /** 0..100, see qaScoring.ts. */
  total: z.number().min(0).max(100),
  criticalFailed: z.boolean(),
  comment: z.string(),
  answers: z.array(ScoredAnswer),
  scoredBy: z.string(),
  scoredByName: z.string(),
  scoredAt: z.number().int(),
});
export type QaScore = z.infer<typeof QaScore>;
export const QaScoreList = z.object({ scores: z.array(QaScore) });

export const ThreadScores = z.object({
  /** Whose work the thread is: null means it cannot be scored. */
  agent: z.object({ id: Id, name: z.string() }).nullable(),
  scores: z.array(QaScore),
});
export type ThreadScores = z.infer<typeof ThreadScores>;

export const QaReportRowAgent = z.object({
  agentId: Id,
  agentName: z.string(),
  scores: z.number().int(),
  averageTotal: z.number(),
  criticalFailures: z.number().int(),
});
export const QaReportRowCriterion = z.object({
  formId: Id,
  formName: z.string(),
  criterionId: z.string(),
  label: z.string(),
  answers: z.number().int(),
  /** 0..100: the mean of the answers on their own scale. */
  average: z.number(),
  criticalFailures: z.number().int(),
});
export const QaReport = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  scores: z.number().int(),
  averageTotal: z.number().nullable(),
  criticalFailures: z.number().int(),
  agents: z.array(QaReportRowAgent),
  criteria: z.array(QaReportRowCriterion),
});
export type QaReport = z.infer<typeof QaReport>;

export const QA_REPORT_MAX_DAYS = 366;

export const QaReportInput = z
  .object({ from: StatsDay, to: StatsDay, timeZone: z.string().min(1).max(64) })
  .superRefine((input, ctx) => {
    const days = daysOf(input.from, input.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: `${input.to} is before ${input.from}` });
    else if (days > QA_REPORT_MAX_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${QA_REPORT_MAX_DAYS} days at once; ${days} were asked for`,
      });
    }
  });
export type QaReportInput = z.infer<typeof QaReportInput>;

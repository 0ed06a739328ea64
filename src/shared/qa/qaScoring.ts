/**
 * The total of a score (decision 0042, docs/qa-scoring.md):
 *   normalized(c) = yes/no: 1 for yes, 0 for no; scale 1..N: (value − 1) / (N − 1)
 *   total = Σ weight(c) × normalized(c)            (weights add up to 100, so 0 ≤ total ≤ 100)
 *   a critical criterion answered "no", or with its scale's lowest point, makes the total 0.
 * Pure, so the hub, the renderer's preview and the tests compute it the same way.
 */
import type { Answer, Criterion, ScoredAnswer } from './qaForm.js';

export interface ScoreProblem {
  path: string;
  message: string;
}

export interface Scored {
  total: number;
  criticalFailed: boolean;
  answers: ScoredAnswer[];
}

/** Checks every criterion is answered once, within its scale, and computes the total; or names each problem. */
export function scoreAnswers(
  criteria: readonly Criterion[],
  answers: readonly Answer[],
): { ok: true; scored: Scored } | { ok: false; problems: ScoreProblem[] } {
  const problems: ScoreProblem[] = [];
  const byId = new Map<string, number>();
  answers.forEach((a, i) => {
    if (!criteria.some((c) => c.id === a.criterionId)) {
      problems.push({ path: `answers.${i}.criterionId`, message: `${a.criterionId} is not a criterion of this form` });
    } else if (byId.has(a.criterionId)) {
      problems.push({ path: `answers.${i}.criterionId`, message: `${a.criterionId} is answered twice` });
    } else byId.set(a.criterionId, a.value);
  });
  const scoredAnswers: ScoredAnswer[] = [];
  criteria.forEach((c) => {
    const value = byId.get(c.id);
    if (value === undefined) {
      problems.push({ path: 'answers', message: `"${c.label}" is not answered` });
      return;
    }
    const [low, high] = c.kind === 'yes_no' ? [0, 1] : [1, c.scaleMax ?? 2];
    if (value < low || value > high) {
      problems.push({ path: 'answers', message: `"${c.label}" takes ${low}..${high}; ${value} was given` });
      return;
    }
    const normalized = (value - low) / (high - low);
    scoredAnswers.push({
      criterionId: c.id,
      label: c.label,
      kind: c.kind,
      scaleMax: c.scaleMax,
      weight: c.weight,
      critical: c.critical,
      value,
      normalized,
      failedCritical: c.critical && value === low,
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  const criticalFailed = scoredAnswers.some((a) => a.failedCritical);
  const raw = scoredAnswers.reduce((sum, a) => sum + a.weight * a.normalized, 0);
  // Rounded to hundredths so sums of thirds do not print as 66.66666666666667.
  const total = criticalFailed ? 0 : Math.round(raw * 100) / 100;
  return { ok: true, scored: { total, criticalFailed, answers: scoredAnswers } };
}
